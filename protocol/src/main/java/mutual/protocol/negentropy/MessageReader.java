package mutual.protocol.negentropy;

import java.util.ArrayList;
import java.util.List;
import mutual.protocol.event.EventId;

/**
 * Decodes a message with hard limits. Everything is checked before the reconciler sees the
 * message, so a malformed one never leaves half-done work behind.
 */
final class MessageReader {
    private final byte[] b;
    private int pos = 1;
    private long lastTimestamp;

    private MessageReader(byte[] b) {
        this.b = b;
    }

    static Message parse(byte[] bytes, NegentropyLimits limits) {
        if (bytes.length == 0) throw new NegentropyException("empty negentropy message (no protocol version byte)");
        if (bytes.length > limits.maxMessageBytes()) {
            throw new NegentropyException("negentropy message of " + bytes.length + " bytes exceeds the limit of " + limits.maxMessageBytes());
        }
        int version = bytes[0] & 0xff;
        if ((version & 0xf0) != 0x60) {
            throw new NegentropyException(String.format("invalid negentropy protocol version byte 0x%02x (versions are 0x60..0x6f)", version));
        }
        if (version != Negentropy.PROTOCOL_VERSION) return new Message(version, List.of());
        return new MessageReader(bytes).ranges(limits);
    }

    private Message ranges(NegentropyLimits limits) {
        List<Range> ranges = new ArrayList<>();
        long ids = 0;
        boolean sawInfinity = false;
        int read = 0;
        while (pos < b.length) {
            // The reference implementations close a reply cut short by the frame limit with a range at
            // infinity even when a kept IdList already reached it (so do Mutual nodes before the fix of
            // issue 15). Such a range covers nothing: it is read, counted and dropped. Any other range
            // after infinity is malformed.
            if (sawInfinity && b[pos] != 0) throw new NegentropyException("range after the infinity bound at byte " + pos);
            if (read++ == limits.maxRanges()) throw new NegentropyException("more than " + limits.maxRanges() + " ranges in one message");
            boolean trailing = sawInfinity;
            Bound upper = bound();
            sawInfinity = upper.isInfinity();
            long mode = varint("mode");
            RangeMode m;
            if (mode == 0) {
                m = new RangeMode.Skip();
            } else if (mode == 1) {
                m = new RangeMode.FingerprintOf(Fingerprint.of(take(Fingerprint.SIZE, "fingerprint")));
            } else if (mode == 2) {
                long n = varint("IdList length");
                if (Long.compareUnsigned(n, (b.length - pos) / 32) > 0) { // varints are unsigned: 2^63 and up are not negative
                    throw new NegentropyException("IdList of " + Long.toUnsignedString(n) + " ids is longer than the rest of the message");
                }
                ids += n;
                if (ids > limits.maxIds()) throw new NegentropyException("more than " + limits.maxIds() + " ids in one message");
                List<EventId> list = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) list.add(EventId.of(take(32, "id")));
                m = new RangeMode.IdList(list);
            } else {
                throw new NegentropyException("unknown range mode " + Long.toUnsignedString(mode) + " (v1 has 0 Skip, 1 Fingerprint, 2 IdList)");
            }
            if (!trailing) ranges.add(new Range(upper, m));
        }
        return Message.of(ranges);
    }

    private Bound bound() {
        long encoded = varint("bound timestamp");
        long ts;
        if (encoded == 0) {
            ts = Bound.INFINITY_TIMESTAMP;
        } else {
            long offset = encoded - 1;
            ts = lastTimestamp + offset;
            // The sum must neither wrap past 2^64 nor land on the reserved infinity value.
            if (Long.compareUnsigned(ts, lastTimestamp) < 0 || ts == Bound.INFINITY_TIMESTAMP) {
                throw new NegentropyException("bound timestamp overflows 2^64-1");
            }
        }
        lastTimestamp = ts;
        long len = varint("id prefix length");
        if (Long.compareUnsigned(len, Bound.MAX_PREFIX) > 0) throw new NegentropyException("id prefix of " + Long.toUnsignedString(len) + " bytes (at most 32)");
        return Bound.wrap(ts, take((int) len, "id prefix"));
    }

    private long varint(String what) {
        long v = 0;
        int start = pos;
        while (true) {
            if (pos >= b.length) throw new NegentropyException("message ends inside a varint (" + what + ")");
            int x = b[pos++] & 0xff;
            if (pos - start == 1 && x == 0x80) throw new NegentropyException("varint with a leading zero digit (" + what + ")");
            if ((v >>> 57) != 0) throw new NegentropyException("varint longer than 64 bits (" + what + ")");
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) return v;
        }
    }

    private byte[] take(int n, String what) {
        if (b.length - pos < n) throw new NegentropyException("message ends inside " + what + " (" + n + " bytes needed, " + (b.length - pos) + " left)");
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }
}
