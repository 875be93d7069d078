package mutual.engine.ingest;

import mutual.protocol.event.EventId;

/**
 * What happened to one submitted event, once everything that will happen to it has happened
 * (for stored events: after the commit returned). It maps one-to-one onto a NIP-01 {@code OK}.
 */
public sealed interface Outcome {
    EventId id();

    boolean accepted();

    /** The {@code OK} message: empty, or a prefixed reason. */
    String message();

    /** Newly stored and durable; {@code replaced} older versions were replaced. */
    record Stored(EventId id, int replaced) implements Outcome {
        public boolean accepted() { return true; }
        public String message() { return ""; }
    }

    /** An ephemeral event, passed to live subscribers without being stored. */
    record Broadcast(EventId id) implements Outcome {
        public boolean accepted() { return true; }
        public String message() { return ""; }
    }

    /** Already stored, or a newer version is: accepted, nothing changed. */
    record AlreadyHave(EventId id, String reason) implements Outcome {
        public boolean accepted() { return true; }
        public String message() { return Prefix.DUPLICATE.format(reason); }
    }

    /** Turned away by verification, a policy, the store or backpressure. */
    record Rejected(EventId id, Prefix prefix, String reason) implements Outcome {
        public boolean accepted() { return false; }
        public String message() { return prefix.format(reason); }
    }

    /** Shadow-rejected: the sender is told it was accepted; it was neither stored nor broadcast. */
    record Shadowed(EventId id) implements Outcome {
        public boolean accepted() { return true; }
        public String message() { return ""; }
    }
}
