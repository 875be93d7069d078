package mutual.protocol.negentropy;

import java.util.LinkedHashSet;
import java.util.List;
import mutual.protocol.event.EventId;

/**
 * The reconciliation loop both sides run on each incoming message (negentropy README,
 * "Algorithm" and "Frame Size Limits"). Splitting choices are implementation-defined by the
 * protocol; ours are those of the reference implementations (16 buckets, an IdList below 32
 * items, a 200-byte reserve under the frame limit) because conformance is tested byte for byte.
 */
final class Reconciler {
    static final int BUCKETS = 16;
    /** Ranges with fewer items than this are sent as a full IdList rather than split. */
    static final int ID_LIST_BELOW = 2 * BUCKETS;
    /** Room kept under the frame size limit for the range that closes a cut-short message. */
    static final int FRAME_RESERVE = 200;
    /**
     * With a pace, the initiator keeps its ranges out of [32, 512) items: the peer splits such a
     * range into 16 Fingerprints of fewer than 32 items, which the initiator would have to answer
     * with its own IdLists (ids going up). Ranges of [512, 8192) items are split straight into
     * ranges of fewer than 32, which the peer answers with IdLists (ids coming down).
     */
    static final int PACED_COARSE = ID_LIST_BELOW * BUCKETS;
    /**
     * Items per bucket of such a straight split: what the 16-way descent reaches from a few hundred.
     * 31 would send a fifth fewer fingerprints but longer IdLists back (bench shape: 80 KB up and
     * 829 KB down, against 87 KB and 731 KB).
     */
    static final int PACED_FINE = 24;

    private final NegentropyStorage storage;
    private final boolean initiator;
    private final int frameSizeLimit;
    /** See {@link NegentropyConfig#pace()}; 0 on the server and by default. */
    private final int pace;
    private final byte[] prevId = new byte[32];
    private final byte[] nextId = new byte[32];

    Reconciler(NegentropyStorage storage, boolean initiator, int frameSizeLimit, int pace) {
        this.storage = storage;
        this.initiator = initiator;
        this.frameSizeLimit = frameSizeLimit;
        this.pace = initiator ? pace : 0;
    }

    byte[] initiate() {
        MessageWriter out = new MessageWriter(Negentropy.PROTOCOL_VERSION);
        splitRange(0, storage.size(), Bound.infinity(), out);
        return out.toByteArray();
    }

    /**
     * Answers {@code in} (a version-1 message). On the initiator, fills {@code have} and
     * {@code need} and returns a message holding only the version byte when nothing is left to ask.
     */
    byte[] reconcile(Message in, List<EventId> have, List<EventId> need) {
        MessageWriter out = new MessageWriter(Negentropy.PROTOCOL_VERSION);
        int n = storage.size();
        Bound prevBound = Bound.zero();
        int prevIndex = 0;
        boolean skip = false;
        for (Range range : in.ranges()) {
            Bound curr = range.upper();
            int lower = prevIndex;
            int upper = storage.findLowerBound(prevIndex, n, curr);
            int mark = out.size(); // what this range adds after `mark` (a flushed Skip too) is dropped if over the frame limit
            switch (range.mode()) {
                case RangeMode.Skip s -> skip = true;
                case RangeMode.FingerprintOf f -> {
                    if (f.fingerprint().equals(storage.fingerprint(lower, upper))) {
                        skip = true;
                    } else {
                        skip = flushSkip(skip, prevBound, out); // dropped with the split if the split does not fit
                        if (pace > 0) splitPaced(lower, upper, curr, out);
                        else splitRange(lower, upper, curr, out);
                    }
                }
                case RangeMode.IdList l -> {
                    if (initiator) {
                        compare(l.ids(), lower, upper, have, need);
                        skip = true;
                    } else {
                        skip = flushSkip(skip, prevBound, out);
                        upper = answerIdList(lower, upper, curr, out);
                        mark = out.size(); // a cut-short IdList is kept: the limit was checked per id
                    }
                }
            }
            if (exceeded(out.size())) {
                out.truncate(mark);
                // Coalesce everything not yet answered into one Fingerprint range, to be split in later
                // rounds; unless a kept IdList already reached infinity and left nothing (the reference
                // implementations write the closing range anyway, which no range may follow).
                if (!out.reachedInfinity()) {
                    out.bound(Bound.infinity());
                    out.mode(1);
                    out.bytes(storage.fingerprint(upper, n).raw(), 0, Fingerprint.SIZE);
                }
                break;
            }
            prevIndex = upper;
            prevBound = curr;
            if (pace > 0 && !skip && out.size() > pace && n - upper >= PACED_COARSE) {
                // Paced: the rest waits for later rounds, as one (exact) Fingerprint the peer splits.
                out.bound(Bound.infinity());
                out.mode(1);
                out.bytes(storage.fingerprint(upper, n).raw(), 0, Fingerprint.SIZE);
                break;
            }
        }
        return out.toByteArray();
    }

    private boolean exceeded(int size) {
        return frameSizeLimit != 0 && size > frameSizeLimit - FRAME_RESERVE;
    }

    /** Adjacent Skip ranges are written as one, only when a non-Skip range follows. */
    private static boolean flushSkip(boolean skip, Bound prevBound, MessageWriter out) {
        if (skip) {
            out.bound(prevBound);
            out.mode(0);
        }
        return false;
    }

    /** Client side of an IdList: what we have that they lack, and what they listed that we lack. */
    private void compare(List<EventId> theirIds, int lower, int upper, List<EventId> have, List<EventId> need) {
        LinkedHashSet<EventId> theirs = new LinkedHashSet<>(theirIds);
        storage.forEach(lower, upper, (i, ts, id) -> {
            EventId ours = EventId.of(id);
            if (!theirs.remove(ours)) have.add(ours);
        });
        need.addAll(theirs);
    }

    /**
     * Server side of an IdList: our own ids for the range, cut short if the frame limit is near;
     * then the range ends at the first item left out (its full id), and that index is returned.
     */
    private int answerIdList(int lower, int upper, Bound curr, MessageWriter out) {
        int end = upper;
        Bound endBound = curr;
        for (int i = lower; i < upper; i++) {
            if (exceeded(out.size() + 32 * (i - lower))) {
                storage.copyId(i, nextId, 0);
                endBound = Bound.wrap(storage.timestamp(i), nextId.clone());
                end = i;
                break;
            }
        }
        out.bound(endBound);
        out.mode(2);
        out.varint(end - lower);
        out.ids(storage, lower, end);
        return end;
    }

    /** As {@link #splitRange}, but a range of [512, 8192) items goes straight to buckets of fewer than 32 (see {@link #PACED_COARSE}). */
    private void splitPaced(int lower, int upper, Bound upperBound, MessageWriter out) {
        int count = upper - lower;
        if (count >= PACED_COARSE && count < PACED_COARSE * BUCKETS) {
            int mark = out.size();
            long markTimestamp = out.lastTimestamp();
            splitInto(lower, upper, upperBound, (count + PACED_FINE - 1) / PACED_FINE, out);
            if (!exceeded(out.size())) return;
            // Under a small frame limit it might never fit, and the same range would be cut every round.
            out.truncate(mark, markTimestamp);
        }
        splitRange(lower, upper, upperBound, out);
    }

    /** Describes our items [lower, upper) up to {@code upperBound}: one IdList if few, else 16 fingerprinted buckets. */
    private void splitRange(int lower, int upper, Bound upperBound, MessageWriter out) {
        int count = upper - lower;
        if (count < ID_LIST_BELOW) {
            out.bound(upperBound);
            out.mode(2);
            out.varint(count);
            out.ids(storage, lower, upper);
            return;
        }
        splitInto(lower, upper, upperBound, BUCKETS, out);
    }

    /** {@code buckets} fingerprinted ranges of near-equal size over our items [lower, upper). */
    private void splitInto(int lower, int upper, Bound upperBound, int buckets, MessageWriter out) {
        int count = upper - lower;
        int perBucket = count / buckets, withExtra = count % buckets;
        int curr = lower;
        for (int i = 0; i < buckets; i++) {
            int bucketSize = perBucket + (i < withExtra ? 1 : 0);
            Fingerprint fp = storage.fingerprint(curr, curr + bucketSize);
            curr += bucketSize;
            Bound next;
            if (curr == upper) {
                next = upperBound;
            } else {
                storage.copyId(curr - 1, prevId, 0);
                storage.copyId(curr, nextId, 0);
                next = Bound.between(storage.timestamp(curr - 1), prevId, storage.timestamp(curr), nextId);
            }
            out.bound(next);
            out.mode(1);
            out.bytes(fp.raw(), 0, Fingerprint.SIZE);
        }
    }
}
