package mutual.engine.mesh;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import mutual.engine.ingest.Prefix;

/** How the mesh reads what went wrong: a refusal that is not an error, and the cause under a future's wrappers. */
public final class Failures {
    private Failures() {}

    /**
     * Whether a refusal says the event was deleted (NIP-09) or its author vanished (NIP-62): not
     * an error between peers, since the deletion request itself syncs too.
     */
    static boolean isDeletion(String message) {
        return message.startsWith(Prefix.BLOCKED.wire() + ": deleted:");
    }

    /** The message of what actually went wrong, under the future's wrappers. */
    public static String rootMessage(Throwable t) {
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof ExecutionException))
            t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
