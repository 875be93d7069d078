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

/** Live fan-out: many subscribers, each on its own connection, receive every published event. */
record FanOut(int subscribers, int events, long delivered, double deliveriesPerSecond, double p50Ms, double p99Ms) {
    static FanOut run(URI url, int subscribers, int events, Queries.Say say) throws Exception {
        String marker = "fanout-" + System.nanoTime();
        Map<EventId, Long> sentAt = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(subscribers * events);
        List<Latencies> lats = new ArrayList<>();
        List<RelayClient> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            RelayClient c = RelayClient.connect(url, Duration.ofSeconds(30), RelayClient.Compression.NONE);
            Latencies lat = new Latencies();
            lats.add(lat);
            c.subscribe("live", List.of(Filter.builder().tag('t', marker).build()), e -> {
                long now = System.nanoTime();
                Long t0 = sentAt.get(e.id());
                if (t0 != null) {
                    synchronized (lat) {
                        lat.add(now - t0);
                    }
                }
                all.countDown();
            }).get(30, TimeUnit.SECONDS);
            subs.add(c);
        }
        SecretKey key = SecretKey.generate();
        List<Event> batch = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < events; i++) batch.add(EventBuilder.create(1, now).tag("t", marker).content("fan-out " + i).sign(key));
        long start = System.nanoTime();
        try (RelayClient pub = RelayClient.connect(url, Duration.ofSeconds(10), RelayClient.Compression.NONE)) {
            for (Event e : batch) {
                sentAt.put(e.id(), System.nanoTime());
                pub.publish(e).get(30, TimeUnit.SECONDS);
            }
            all.await(60, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = (long) subscribers * events - all.getCount();
        subs.forEach(RelayClient::close);
        Latencies merged = new Latencies();
        lats.forEach(merged::addAll);
        FanOut f = new FanOut(subscribers, events, delivered, delivered / seconds, merged.percentileMs(50), merged.percentileMs(99));
        say.say("Fan-out to %,d subscribers: %,d of %,d delivered, %,.0f deliveries/s, latency p50 %.1f ms p99 %.1f ms",
                subscribers, delivered, (long) subscribers * events, f.deliveriesPerSecond(), f.p50Ms(), f.p99Ms());
        return f;
    }
}
