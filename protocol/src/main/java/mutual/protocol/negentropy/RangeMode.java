package mutual.protocol.negentropy;

import java.util.List;
import mutual.protocol.event.EventId;

/** What a range says about the ids it covers (protocol v1, "Range" modes 0, 1 and 2). */
public sealed interface RangeMode permits RangeMode.Skip, RangeMode.FingerprintOf, RangeMode.IdList {
    /** The mode number on the wire. */
    int code();

    /** The sender needs nothing more for this range. */
    record Skip() implements RangeMode {
        public int code() {
            return 0;
        }
    }

    /** The digest of the sender's ids in the range; a mismatch asks the receiver to split it. */
    record FingerprintOf(Fingerprint fingerprint) implements RangeMode {
        public int code() {
            return 1;
        }
    }

    /** Every id the sender has in the range, in the sender's order. */
    record IdList(List<EventId> ids) implements RangeMode {
        public IdList {
            ids = List.copyOf(ids);
        }

        public int code() {
            return 2;
        }
    }
}
