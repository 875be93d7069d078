package mutual.engine.client;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.ClientStep;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyClient;
import mutual.protocol.negentropy.VectorStorage;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;

/**
 * The ids of every event a relay holds for a filter, learnt by NIP-77 from an empty set: the
 * relay answers with its ids range by range, without sending one event, so a caller can compare
 * two relays' sets and fetch only what one lacks. Unlike paging by {@code until}, nothing is missed
 * when many events share one second. Empty when the relay does not speak NIP-77 (it answers
 * {@code NEG-ERR} or a {@code NOTICE}, or nothing within the wait).
 */
public final class RemoteIds {
    /** Ids learnt at most: a person's history, not a relay's whole store. */
    public static final int MAX_IDS = 2_000_000;
    private static final AtomicLong SESSIONS = new AtomicLong();

    private RemoteIds() {}

    public static Optional<Set<EventId>> of(RelayClient c, Filter f, Duration wait) throws InterruptedException {
        String sub = "ids-" + SESSIONS.incrementAndGet();
        LinkedBlockingQueue<RelayMessage> replies = new LinkedBlockingQueue<>();
        c.onOther(m -> {
            if (m instanceof RelayMessage.NegMsg n && n.subscriptionId().equals(sub)
                    || m instanceof RelayMessage.NegErr e && e.subscriptionId().equals(sub) || m instanceof RelayMessage.Notice) replies.add(m);
        });
        try {
            NegentropyClient neg = Negentropy.client(VectorStorage.of(List.of()));
            c.send(ClientWire.encode(new ClientMessage.NegOpen(sub, f, neg.initiate())));
            Set<EventId> ids = new HashSet<>();
            while (true) {
                RelayMessage m = replies.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (!(m instanceof RelayMessage.NegMsg msg)) return Optional.empty(); // no NIP-77 here, or it refused this filter
                ClientStep step = neg.reconcile(msg.message());
                ids.addAll(step.need());
                if (ids.size() > MAX_IDS) throw new IllegalStateException("the relay holds more than " + MAX_IDS + " events for " + f);
                if (step.next().isEmpty()) return Optional.of(ids);
                c.send(ClientWire.encode(new ClientMessage.NegMsg(sub, step.next().get())));
            }
        } finally {
            c.send(ClientWire.encode(new ClientMessage.NegClose(sub)));
            c.onOther(m -> {});
        }
    }
}
