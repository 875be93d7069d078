package mutual.protocol.negentropy;

/**
 * Hard limits on an incoming message, checked before any work is done for it, so a hostile
 * peer cannot make us allocate or hash without bound.
 *
 * @param maxMessageBytes longest message accepted (binary, before hex encoding)
 * @param maxRanges most ranges in one message
 * @param maxIds most ids in all of one message's IdList ranges together
 */
public record NegentropyLimits(int maxMessageBytes, int maxRanges, int maxIds) {
    public NegentropyLimits {
        if (maxMessageBytes < 1 || maxRanges < 1 || maxIds < 0) throw new IllegalArgumentException("limits must be positive");
    }

    /**
     * Generous enough for a frame-unlimited sync of a million items (the largest message is then
     * about 10 MB of ids); a relay serving strangers should lower them and set a frame size limit.
     */
    public static NegentropyLimits defaults() {
        return new NegentropyLimits(32 << 20, 1 << 20, 1 << 20);
    }
}
