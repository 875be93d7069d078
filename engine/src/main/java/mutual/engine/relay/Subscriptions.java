package mutual.engine.relay;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mutual.engine.ingest.Prefix;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.RelayMessage;
import mutual.store.StoredEvent;
import mutual.store.Viewer;

/**
 * REQ, COUNT and CLOSE for one connection (NIP-01, NIP-45): the stored answer, EOSE, then live
 * events through the {@link Fanout}. Gift wraps reach only their authenticated recipient.
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
        List<StoredEvent> answer = relay.query(filters, viewer);
        Set<EventId> sent = HashSet.newHashSet(answer.size());
        for (StoredEvent stored : answer) {
            // NIP-40: expired events are not served even before the purge removes them. The
            // store's answer is parsed only for a gift wrap, whose recipients are checked again.
            if (stored.expiredAt(now) || stored.kind() == Visibility.GIFT_WRAP && !Visibility.maySee(viewer, stored.event())) continue;
            if (sent.add(stored.id())) out.sendStoredEvent(id, stored.json());
        }
        out.send(new RelayMessage.Eose(id));
        if (!sub.goLive(sent)) {
            close(id);
            out.send(new RelayMessage.Closed(id, Prefix.ERROR.format(
                    "too many new events arrived while the stored ones were sent; subscribe again")));
        }
    }

    void count(String id, List<Filter> filters) {
        session.out().send(new RelayMessage.CountResult(id, relay.count(filters, session.viewer()), false));
    }

    void close(String id) {
        LiveSubscription sub = open.remove(id);
        if (sub == null) return;
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
