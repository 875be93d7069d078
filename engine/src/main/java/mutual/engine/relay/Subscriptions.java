package mutual.engine.relay;

import java.util.List;
import java.util.Map;
import mutual.engine.ingest.Prefix;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.RelayMessage;
import mutual.store.Answer;
import mutual.store.Viewer;

/**
 * REQ, COUNT and CLOSE for one connection (NIP-01, NIP-45): the stored answer (streamed by
 * {@link StoredAnswer}), EOSE, then live events through the {@link Fanout}. Gift wraps reach
 * only their authenticated recipient.
 */
final class Subscriptions {
    private final Relay relay;
    private final ClientSession session;
    private final Map<String, LiveSubscription> open;

    Subscriptions(Relay relay, ClientSession session, Map<String, LiveSubscription> open) {
        this.relay = relay;
        this.session = session;
        this.open = open;
    }

    void req(String id, List<Filter> filters) {
        Outbox out = session.out();
        if (!session.isAuthenticated() && asksForGiftWraps(filters)) {
            out.send(new RelayMessage.Closed(id, Prefix.AUTH_REQUIRED.format(
                    "gift wraps (kind 1059) are served only to their recipient; send AUTH first (NIP-42)")));
            return;
        }
        close(id); // NIP-01: a REQ with an open id replaces that subscription
        int max = relay.config().maxSubscriptions();
        if (open.size() >= max) {
            out.send(new RelayMessage.Closed(id, Prefix.RATE_LIMITED.format(
                    "too many open subscriptions on this connection (limit " + max + "); CLOSE one first")));
            return;
        }
        Viewer viewer = session.viewer();
        LiveSubscription sub = new LiveSubscription(session, id, filters, viewer, relay.config().maxLiveBuffer());
        open.put(id, sub);
        relay.fanout().add(sub); // before the query, so nothing committed meanwhile is missed
        long now = relay.clock().instant().getEpochSecond();
        Answer answer = relay.answer(filters, viewer);
        // Read after the answer: every event in it was committed by the batch after this one at the latest.
        long untilBatch = relay.ingest().batchesCommitted() + 1;
        new StoredAnswer(relay, sub, answer, viewer, now, untilBatch, relay.answers()).start();
    }

    void count(String id, List<Filter> filters) {
        session.out().send(new RelayMessage.CountResult(id, relay.count(filters, session.viewer()), false));
    }

    void close(String id) {
        LiveSubscription sub = open.get(id);
        if (sub != null) close(sub);
    }

    /** Closes {@code sub} if it is still the one open under its id. */
    void close(LiveSubscription sub) {
        if (!open.remove(sub.id(), sub)) return;
        sub.close();
        relay.fanout().remove(sub);
    }

    void closeAll() {
        for (String id : List.copyOf(open.keySet())) close(id);
    }

    private static boolean asksForGiftWraps(List<Filter> filters) {
        return filters.stream().anyMatch(f -> f.kinds().map(k -> k.contains(Visibility.GIFT_WRAP)).orElse(false));
    }
}
