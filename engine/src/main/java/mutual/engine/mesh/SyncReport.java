package mutual.engine.mesh;

import java.time.Duration;

/**
 * What one reconciliation with a peer found and moved.
 *
 * @param rounds      negentropy messages this side sent
 * @param have        ids this node had and the peer lacked
 * @param need        ids the peer had and this node lacked
 * @param sent        events published to the peer that it accepted
 * @param refused     events the peer refused (its policies; the reason is in {@link #lastError})
 * @param received    events fetched from the peer and stored here
 * @param duplicates  fetched events this node already had by the time they arrived
 * @param rejected    events from the peer this node rejected: forged, invalid, unrequested, or refused by policy
 * @param missing     ids the peer announced but did not send (deleted or expired meanwhile, or a lie)
 * @param syncBytesUp negentropy bytes sent (binary, before hex)
 * @param syncBytesDown negentropy bytes received (binary, before hex)
 * @param reconciled  from NEG-OPEN to the last negentropy message (transfers overlap it)
 * @param elapsed     from NEG-OPEN to the last transfer
 * @param lastError   the last reason seen for a refusal or rejection, or empty
 * @param fallback    empty, or where negentropy failed twice and the sync moved events another
 *                    way instead ({@link Fallback}): a bug to report, though nothing was lost
 */
public record SyncReport(int rounds, long have, long need, long sent, long refused, long received, long duplicates,
                         long rejected, long missing, long syncBytesUp, long syncBytesDown, Duration reconciled, Duration elapsed, String lastError,
                         String fallback) {

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format("%d rounds, %d to send, %d to fetch; sent %d (refused %d), received %d (already had %d, rejected %d, missing %d); "
                        + "negentropy %d B up / %d B down in %d ms; %d ms in all",
                rounds, have, need, sent, refused, received, duplicates, rejected, missing, syncBytesUp, syncBytesDown, reconciled.toMillis(), elapsed.toMillis())
                + (fallback.isEmpty() ? "" : "; fell back: " + fallback);
    }
}
