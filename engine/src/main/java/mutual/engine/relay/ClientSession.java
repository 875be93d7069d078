package mutual.engine.relay;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.policy.RateLimiter;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.json.DecodeException;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;
import mutual.store.Viewer;

/**
 * One client connection's state and its handling of NIP-01 messages (plus NIP-42 AUTH, NIP-45
 * COUNT and NIP-77 NEG-* through {@link Reconciliations}). It receives text frames and emits relay
 * messages through its {@link Outbox}; it knows nothing of sockets. Each message is handled
 * inside one boundary that turns any failure into an OK, CLOSED or NOTICE reply, so the
 * connection survives whatever a client sends.
 */
public final class ClientSession {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    private final Relay relay;
    private final ConnectionInfo info;
    private final Outbox out;
    private final String challenge;
    private final Set<PubKey> authenticated = ConcurrentHashMap.newKeySet();
    private final Map<String, LiveSubscription> subscriptions = new ConcurrentHashMap<>();
    private final RateLimiter.Single messages;
    private final AtomicInteger eventsInFlight = new AtomicInteger();
    private final Subscriptions requests;
    private final Reconciliations syncs;
    /** False for a connection past the node's connection caps: it is being closed and handles nothing. */
    private final boolean admitted;

    ClientSession(Relay relay, ConnectionInfo info, Outbox out, String challenge, boolean admitted) {
        this.relay = relay;
        this.admitted = admitted;
        this.info = info;
        this.out = out;
        this.challenge = challenge;
        this.messages = RateLimiter.single(relay.config().messageRate(), relay.clock().millis());
        this.requests = new Subscriptions(relay, this, subscriptions);
        this.syncs = new Reconciliations(relay, this);
    }

    void open() {
        relay.metrics().connectionOpened();
        out.send(new RelayMessage.AuthChallenge(challenge));
    }

    /**
     * Handles one text frame. Never throws. EVENTs are not counted against the message rate: they
     * are paced by {@link #mayRead()} instead, so a client publishing its history is slowed down,
     * never refused.
     */
    public void onText(String text) {
        if (!admitted) return;
        ClientMessage message = null;
        try {
            message = relay.wire().decode(text);
            if (!(message instanceof ClientMessage.Publish)) {
                long wait = messages.waitMillis(relay.clock().millis());
                if (wait > 0) {
                    refuse(message, Prefix.RATE_LIMITED, tooManyMessages(wait));
                    return;
                }
            }
            handle(message, text.length());
        } catch (DecodeException e) {
            long wait = messages.waitMillis(relay.clock().millis());
            if (wait > 0) refuseUndecoded(text, Prefix.RATE_LIMITED, tooManyMessages(wait));
            else refuseUndecoded(text, Prefix.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection " + info.id() + ": failed to handle a message", e);
            refuse(message, Prefix.ERROR, "could not process this message");
        }
    }

    private String tooManyMessages(long waitMillis) {
        return relay.config().messageRate().refusal("messages per second on this connection", "messages-per-second-per-connection", waitMillis);
    }

    /** Nostr speaks text frames only. */
    public void onBinary() {
        if (!admitted) return;
        out.send(new RelayMessage.Notice(Prefix.INVALID.format("binary frames are not supported; send JSON text")));
    }

    /** The connection is gone: forget its subscriptions. */
    public void onClose() {
        out.forget();
        relay.input().forget(this);
        if (!admitted) return;
        requests.closeAll();
        syncs.closeAll();
        relay.closed(info);
        relay.metrics().connectionClosed();
    }

    private void handle(ClientMessage message, int chars) {
        switch (message) {
            case ClientMessage.Publish p -> publish(p.event(), chars);
            case ClientMessage.Auth a -> auth(a.event());
            case ClientMessage.Req r -> requests.req(r.subscriptionId(), r.filters());
            case ClientMessage.Count c -> requests.count(c.subscriptionId(), c.filters());
            case ClientMessage.Close c -> requests.close(c.subscriptionId());
            case ClientMessage.NegOpen n -> syncs.open(n.subscriptionId(), n.filter(), n.message());
            case ClientMessage.NegMsg n -> syncs.message(n.subscriptionId(), n.message());
            case ClientMessage.NegClose n -> syncs.close(n.subscriptionId());
        }
    }

    /** @param chars the EVENT message's length, counted against the node's {@link InputBudget} until the OK */
    private void publish(Event event, int chars) {
        eventsInFlight.incrementAndGet();
        relay.input().take(chars);
        CompletableFuture<Outcome> outcome;
        try {
            outcome = relay.ingest().submit(event, new Source.Client(info.id(), info.ip(), authenticated));
        } catch (RuntimeException e) {
            settled(chars);
            throw e;
        }
        outcome.whenComplete((o, t) -> {
            // The budget is settled first: a reply that cannot be sent must not keep it spent.
            settled(chars);
            if (o != null) out.send(new RelayMessage.Ok(o.id(), o.accepted(), o.message()));
            else out.send(new RelayMessage.Ok(event.id(), false, Prefix.ERROR.format("could not store this event")));
            readable();
        });
    }

    /** One EVENT of {@code chars} is answered (or failed): it no longer weighs on this connection nor the node. */
    private void settled(int chars) {
        eventsInFlight.decrementAndGet();
        relay.input().give(chars);
    }

    /** Tells the transport that this session may be able to read again. */
    void readable() {
        out.readable();
    }

    /**
     * Whether the transport may hand this session its next message: not while the connection has
     * {@link RelayConfig#maxEventsInFlight()} EVENTs awaiting their OK, nor, with one in flight,
     * while the node's {@link InputBudget} is spent. A transport that stops reading is told to
     * start again by {@link Transport#readable()} as answers go out.
     */
    public boolean mayRead() {
        int n = eventsInFlight.get();
        return n < relay.config().maxEventsInFlight() && (n == 0 || relay.input().roomFor(this));
    }

    /** NIP-42: each valid AUTH adds its pubkey to this connection. */
    private void auth(Event event) {
        long now = relay.clock().instant().getEpochSecond();
        Optional<String> problem = AuthCheck.problem(event, challenge, relay.url(), now);
        if (problem.isPresent()) {
            out.send(new RelayMessage.Ok(event.id(), false, Prefix.INVALID.format(problem.get())));
            return;
        }
        authenticated.add(event.pubkey());
        out.send(new RelayMessage.Ok(event.id(), true, ""));
    }

    /** Refuses a message we could not decode, addressed as precisely as the text allows. */
    private void refuseUndecoded(String text, Prefix prefix, String reason) {
        var id = Salvage.eventId(text);
        if (id.isPresent()) {
            out.send(new RelayMessage.Ok(id.get(), false, prefix.format(reason)));
            return;
        }
        var sub = Salvage.subscriptionId(text);
        if (sub.isPresent()) out.send(new RelayMessage.Closed(sub.get(), prefix.format(reason)));
        else out.send(new RelayMessage.Notice(prefix.format(reason)));
    }

    /** Refuses a decoded message with the reply its kind expects. */
    private void refuse(ClientMessage message, Prefix prefix, String reason) {
        String text = prefix.format(reason);
        switch (message) {
            case ClientMessage.Publish p -> out.send(new RelayMessage.Ok(p.event().id(), false, text));
            case ClientMessage.Auth a -> out.send(new RelayMessage.Ok(a.event().id(), false, text));
            case ClientMessage.Req r -> out.send(new RelayMessage.Closed(r.subscriptionId(), text));
            case ClientMessage.Count c -> out.send(new RelayMessage.Closed(c.subscriptionId(), text));
            case ClientMessage.NegOpen n -> out.send(new RelayMessage.NegErr(n.subscriptionId(), text));
            case ClientMessage.NegMsg n -> out.send(new RelayMessage.NegErr(n.subscriptionId(), text));
            case null, default -> out.send(new RelayMessage.Notice(text));
        }
    }

    /** Closes {@code sub} (a stored answer that could not go live), unless a REQ with its id has replaced it meanwhile. */
    void closeSubscription(LiveSubscription sub) {
        requests.close(sub);
    }

    Viewer viewer() {
        return Viewer.of(Set.copyOf(authenticated));
    }

    boolean isAuthenticated() {
        return !authenticated.isEmpty();
    }

    Outbox out() {
        return out;
    }

    public ConnectionInfo info() {
        return info;
    }

    public String challenge() {
        return challenge;
    }
}
