package mutual.protocol.negentropy;

/**
 * How one side runs a session.
 *
 * @param frameSizeLimit largest message this side writes, in bytes before hex encoding; 0 means
 *     no limit, otherwise at least 4096 (as in the reference implementations). Work that does not
 *     fit is left for later rounds.
 * @param limits what this side accepts from the other
 */
public record NegentropyConfig(int frameSizeLimit, NegentropyLimits limits) {
    public static final int MIN_FRAME_SIZE_LIMIT = 4096;

    public NegentropyConfig {
        if (frameSizeLimit != 0 && frameSizeLimit < MIN_FRAME_SIZE_LIMIT) {
            throw new IllegalArgumentException("frame size limit must be 0 (none) or at least " + MIN_FRAME_SIZE_LIMIT + ", got " + frameSizeLimit);
        }
        java.util.Objects.requireNonNull(limits, "limits");
    }

    public static NegentropyConfig defaults() {
        return new NegentropyConfig(0, NegentropyLimits.defaults());
    }

    public NegentropyConfig withFrameSizeLimit(int bytes) {
        return new NegentropyConfig(bytes, limits);
    }

    public NegentropyConfig withLimits(NegentropyLimits l) {
        return new NegentropyConfig(frameSizeLimit, l);
    }
}
