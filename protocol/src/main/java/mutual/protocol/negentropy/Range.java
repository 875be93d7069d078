package mutual.protocol.negentropy;

/**
 * One range of a message: it starts where the previous one ended (or at {@link Bound#zero()})
 * and ends, exclusively, at {@code upper}.
 */
public record Range(Bound upper, RangeMode mode) {
    public Range {
        java.util.Objects.requireNonNull(upper, "upper");
        java.util.Objects.requireNonNull(mode, "mode");
    }
}
