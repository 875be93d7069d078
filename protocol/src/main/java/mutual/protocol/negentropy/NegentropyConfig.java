package mutual.protocol.negentropy;

/**
 * How one side runs a session.
 *
 * @param frameSizeLimit largest message this side writes, in bytes before hex encoding; 0 means
 *     no limit, otherwise at least 4096 (as in the reference implementations). Work that does not
 *     fit is left for later rounds.
 * @param limits what this side accepts from the other
 * @param pace used by the initiator only; 0 (the default, as the reference implementations) or
 *     about how many bytes of new ranges each of its messages describes before closing with one
 *     Fingerprint over the rest. A peer whose frame limit cuts its answers short coalesces all it
 *     did not reach into one range, so fingerprints the initiator sent beyond that point were sent
 *     for nothing; pacing sends no more than the peer is likely to answer. It also changes how the
 *     initiator splits (see {@link Reconciler}), so the peer answers paced ranges with IdLists.
 */
public record NegentropyConfig(int frameSizeLimit, NegentropyLimits limits, int pace) {
    public static final int MIN_FRAME_SIZE_LIMIT = 4096;

    public NegentropyConfig {
        if (frameSizeLimit != 0 && frameSizeLimit < MIN_FRAME_SIZE_LIMIT) {
            throw new IllegalArgumentException("frame size limit must be 0 (none) or at least " + MIN_FRAME_SIZE_LIMIT + ", got " + frameSizeLimit);
        }
        if (pace < 0) throw new IllegalArgumentException("pace must be 0 (none) or positive, got " + pace);
        java.util.Objects.requireNonNull(limits, "limits");
    }

    public NegentropyConfig(int frameSizeLimit, NegentropyLimits limits) {
        this(frameSizeLimit, limits, 0);
    }

    public static NegentropyConfig defaults() {
        return new NegentropyConfig(0, NegentropyLimits.defaults());
    }

    public NegentropyConfig withFrameSizeLimit(int bytes) {
        return new NegentropyConfig(bytes, limits, pace);
    }

    public NegentropyConfig withLimits(NegentropyLimits l) {
        return new NegentropyConfig(frameSizeLimit, l, pace);
    }

    public NegentropyConfig withPace(int bytes) {
        return new NegentropyConfig(frameSizeLimit, limits, bytes);
    }
}
