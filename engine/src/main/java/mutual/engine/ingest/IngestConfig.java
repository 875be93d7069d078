package mutual.engine.ingest;

/**
 * Sizes of the ingest pipeline. Every queue is bounded: when one is full the sender gets
 * {@code rate-limited:} instead of the node growing its memory.
 *
 * @param verifyThreads  threads checking ids and signatures (default: one per core)
 * @param verifyQueue    events waiting for a verifier
 * @param writerQueue    admitted events waiting for the writer
 * @param maxBatchEvents most events the writer commits in one transaction
 * @param maxBatchBytes  most serialized bytes the writer commits in one transaction
 * @param notifyQueue    committed batches waiting for listeners (the writer waits when it is full)
 */
public record IngestConfig(int verifyThreads, int verifyQueue, int writerQueue, int maxBatchEvents, int maxBatchBytes, int notifyQueue) {
    public IngestConfig {
        if (verifyThreads < 1 || verifyQueue < 1 || writerQueue < 1 || maxBatchEvents < 1 || maxBatchBytes < 1 || notifyQueue < 1)
            throw new IllegalArgumentException("ingest sizes must be positive: " + this);
    }

    public static IngestConfig defaults() {
        return new IngestConfig(Runtime.getRuntime().availableProcessors(), 10_000, 10_000, 1000, 8 << 20, 1000);
    }
}
