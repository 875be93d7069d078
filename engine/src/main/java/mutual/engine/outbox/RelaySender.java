package mutual.engine.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mutual.engine.client.RelayClient;
import mutual.engine.ingest.Prefix;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.wire.RelayMessage;

/**
 * Publishes over a WebSocket, one connection per relay kept while its lane has work. A relay that
 * asks for NIP-42 authentication gets the node's key, once per connection, and the event again.
 * {@code duplicate:} counts as delivered; {@code rate-limited:} and {@code error:}, like a relay that
 * does not answer, are tried again later; any other refusal ({@code blocked:}, {@code invalid:}…)
 * is final.
 */
final class RelaySender implements Deliveries.Sender {
    private static final System.Logger LOG = System.getLogger(RelaySender.class.getName());
    private static final Duration CONNECT = Duration.ofSeconds(10), ANSWER = Duration.ofSeconds(15);

    private final SecretKey nodeKey;
    private final InstantSource clock;
    private final Map<String, RelayClient> open = new ConcurrentHashMap<>();

    RelaySender(SecretKey nodeKey, InstantSource clock) {
        this.nodeKey = nodeKey;
        this.clock = clock;
    }

    @Override
    public Deliveries.Result send(String url, Event e) {
        try {
            RelayClient c = open.get(url); // only this relay's lane comes here, so no race
            if (c == null || c.closedFuture().isDone()) {
                c = RelayClient.connect(URI.create(url), CONNECT);
                open.put(url, c);
            }
            RelayMessage.Ok ok = c.publish(e).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            if (!ok.accepted() && ok.message().startsWith(Prefix.AUTH_REQUIRED.wire() + ":")) {
                c.authenticate(nodeKey, clock.instant().getEpochSecond()).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
                ok = c.publish(e).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            }
            return judge(url, e, ok);
        } catch (Exception x) {
            LOG.log(System.Logger.Level.DEBUG, "could not send " + e.id().hex() + " to " + url + ": " + x);
            idle(url);
            return Deliveries.Result.RETRY;
        }
    }

    private static Deliveries.Result judge(String url, Event e, RelayMessage.Ok ok) {
        if (ok.accepted() || ok.message().startsWith(Prefix.DUPLICATE.wire() + ":")) return Deliveries.Result.DELIVERED;
        if (ok.message().startsWith(Prefix.RATE_LIMITED.wire() + ":") || ok.message().startsWith(Prefix.ERROR.wire() + ":")) return Deliveries.Result.RETRY;
        LOG.log(System.Logger.Level.DEBUG, url + " refused " + e.id().hex() + ": " + ok.message());
        return Deliveries.Result.REFUSED;
    }

    @Override
    public void idle(String url) {
        RelayClient c = open.remove(url);
        if (c != null) c.close();
    }
}
