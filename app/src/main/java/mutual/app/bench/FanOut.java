package mutual.app.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;

/**
 * Live fan-out: many subscribers, each on its own connection, receive every published event.
 * Two measures: deliveries per second for a burst published as fast as the node answers OK,
 * and delivery latency for probes published one at a time, each once every subscriber has the
 * last (in a burst, latency would mostly measure the queue of earlier events).
 */
record FanOut(int subscribers, int events, long delivered, double deliveriesPerSecond, double p50Ms, double p99Ms) {
    static final int PROBES = 30;

    private record Probe(long sentAt, CountDownLatch seen) {}

    static FanOut run(URI url, int subscribers, int events, Queries.Say say) throws Exception {
        String marker = "fanout-" + System.nanoTime();
        Map<EventId, Probe> probes = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(subscribers * events);
        Latencies lat = new Latencies();
        List<RelayClient> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            RelayClient c = RelayClient.connect(url, Duration.ofSeconds(30));
            c.subscribe("live", List.of(Filter.builder().tag('t', marker).build()), e -> {
                long now = System.nanoTime();
                Probe p = probes.get(e.id());
                if (p == null) {
                    all.countDown();
                    return;
                }
                synchronized (lat) {
                    lat.add(now - p.sentAt());
                }
                p.seen().countDown();
            }).get(30, TimeUnit.SECONDS);
            subs.add(c);
        }
        SecretKey key = SecretKey.generate();
        long now = System.currentTimeMillis() / 1000;
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < events; i++) burst.add(EventBuilder.create(1, now).tag("t", marker).content("fan-out " + i).sign(key));
        List<Event> probeEvents = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) probeEvents.add(EventBuilder.create(1, now).tag("t", marker).content("probe " + i).sign(key));
        double seconds;
        long delivered;
        try (RelayClient pub = RelayClient.connect(url, Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            for (Event e : burst) pub.publish(e).get(30, TimeUnit.SECONDS);
            all.await(60, TimeUnit.SECONDS);
            seconds = (System.nanoTime() - start) / 1e9;
            delivered = (long) subscribers * events - all.getCount();
            for (Event e : probeEvents) {
                Probe p = new Probe(System.nanoTime(), new CountDownLatch(subscribers));
                probes.put(e.id(), p);
                pub.publish(e).get(30, TimeUnit.SECONDS);
                if (!p.seen().await(30, TimeUnit.SECONDS)) break;
            }
        }
        subs.forEach(RelayClient::close);
        FanOut f = new FanOut(subscribers, events, delivered, delivered / seconds, lat.percentileMs(50), lat.percentileMs(99));
        say.say("Fan-out to %,d subscribers: %,d of %,d delivered, %,.0f deliveries/s; latency of one event at a time to all: p50 %.1f ms p99 %.1f ms",
                subscribers, delivered, (long) subscribers * events, f.deliveriesPerSecond(), f.p50Ms(), f.p99Ms());
        return f;
    }
}
