package mutual.app.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import mutual.engine.client.RelayClient;
import mutual.protocol.event.Event;

/** Publishes events over several connections with a fixed number in flight on each, and times it. */
record Ingest(double rate, int accepted, int refused) {
    /** Slices each node's share of the events is taken in, by {@link #interleaved}. */
    static final int SLICES = 4;

    /**
     * The same events into each node, a slice at a time, one node right after the other
     * (alternating which goes first), so that every node meets the same moments of a shared
     * machine; one result per node, its rate over the time its own slices took.
     */
    static List<Ingest> interleaved(List<URI> urls, List<String> messages, List<Event> events, int connections, int inFlight) throws Exception {
        double[] seconds = new double[urls.size()];
        int[] accepted = new int[urls.size()], refused = new int[urls.size()];
        for (int s = 0; s < SLICES; s++) {
            int from = messages.size() * s / SLICES, to = messages.size() * (s + 1) / SLICES;
            for (int i : BenchRelayCommand.order(urls.size(), s)) {
                Ingest part = run(urls.get(i), messages.subList(from, to), events.subList(from, to), connections, inFlight);
                seconds[i] += (to - from) / part.rate();
                accepted[i] += part.accepted();
                refused[i] += part.refused();
            }
        }
        List<Ingest> out = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) out.add(new Ingest(messages.size() / seconds[i], accepted[i], refused[i]));
        return out;
    }

    static Ingest run(URI url, List<String> messages, List<Event> events, int connections, int inFlight) throws Exception {
        List<RelayClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) clients.add(RelayClient.connect(url, Duration.ofSeconds(10), RelayClient.Compression.NONE));
        AtomicInteger accepted = new AtomicInteger(), refused = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (RelayClient c : clients) {
            threads.add(Thread.ofPlatform().start(() -> {
                Semaphore window = new Semaphore(inFlight);
                List<CompletableFuture<?>> all = new ArrayList<>();
                int i;
                while ((i = next.getAndIncrement()) < messages.size()) {
                    window.acquireUninterruptibly();
                    CompletableFuture<?> f = c.publishRaw(events.get(i).id(), messages.get(i)).whenComplete((ok, err) -> {
                        if (err == null && ok.accepted()) accepted.incrementAndGet();
                        else refused.incrementAndGet();
                        window.release();
                    });
                    all.add(f);
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
            }));
        }
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.forEach(RelayClient::close);
        return new Ingest(messages.size() / seconds, accepted.get(), refused.get());
    }
}
