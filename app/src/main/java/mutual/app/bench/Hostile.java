package mutual.app.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.RelayMessage;

/**
 * The hostile loads of issue 17, against a node process at its default settings: clients that
 * subscribe and stop reading while large events are published, connections by the thousand,
 * large answers asked for at once, and a fresh client that must still be served. Attackers
 * connect from 127.0.0.2 (another address as the node sees it); the publisher and the fresh
 * client from 127.0.0.1. Shared by {@code mutual bench hostile} and the tests.
 */
public final class Hostile {
    private Hostile() {}

    /** The attackers' address: loopback, but not the fresh client's. */
    static final InetAddress ATTACKER = address("127.0.0.2");

    private static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one load did: how many of its connections or events got through, and how many were refused or lost. */
    public record Tally(int ok, int refused, List<String> reasons) {}

    /**
     * {@code readers} sockets subscribe to {@code {"kinds":[1],"limit":0}}, read up to EOSE and stop
     * reading; they stay in {@code held} for the caller to close. Returns how many subscribed.
     */
    public static int slowReaders(URI url, int readers, List<AutoCloseable> held) throws IOException {
        int n = 0;
        for (int i = 0; i < readers; i++) {
            CountingSocket s = CountingSocket.connect(url, 10_000, ATTACKER);
            held.add(s);
            try {
                s.subscribeAndStall("slow", List.of(Filter.builder().kinds(Set.of(1)).limit(0).build()));
                n++;
            } catch (IOException refused) {
                // past the per-address cap: the node closed it
            }
        }
        return n;
    }

    /**
     * Publishes {@code count} kind-1 events of {@code chars} characters each, tagged {@code t=tag},
     * from several authors, waiting out {@code rate-limited:} replies. Returns how many were stored.
     */
    public static int publish(URI url, int count, int chars, String tag, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<SecretKey> keys = List.of(SecretKey.generate(r), SecretKey.generate(r), SecretKey.generate(r), SecretKey.generate(r));
        long now = System.currentTimeMillis() / 1000;
        String filler = "x".repeat(chars);
        int stored = 0;
        try (RelayClient c = RelayClient.connect(url, Duration.ofSeconds(10))) {
            for (int i = 0; i < count; i++) {
                Event e = EventBuilder.create(1, now - i).tag("t", tag).content(i + filler.substring(Integer.toString(i).length())).sign(keys.get(i % keys.size()));
                for (int attempt = 0; attempt < 100; attempt++) {
                    RelayMessage.Ok ok = c.publish(e).get(60, TimeUnit.SECONDS);
                    if (ok.accepted()) {
                        stored++;
                        break;
                    }
                    if (!ok.message().startsWith("rate-limited:")) throw new IOException("event " + i + " refused: " + ok.message());
                    Thread.sleep(250);
                }
            }
        }
        return stored;
    }

    /** Opens up to {@code count} connections from the attacker's address, kept in {@code held}; tallies those refused, with their reasons. */
    public static Tally connections(URI url, int count, List<AutoCloseable> held) {
        int ok = 0, refused = 0;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                CountingSocket s = CountingSocket.connect(url, 10_000, ATTACKER);
                held.add(s);
                Optional<String> closed = s.refusal();
                if (closed.isEmpty()) ok++;
                else {
                    refused++;
                    if (!reasons.contains(closed.get())) reasons.add(closed.get());
                }
            } catch (IOException e) {
                refused++;
                if (!reasons.contains(String.valueOf(e.getMessage()))) reasons.add(String.valueOf(e.getMessage()));
            }
        }
        return new Tally(ok, refused, reasons);
    }

    /**
     * {@code clients} clients ask at once for {@code {"#t":[tag],"limit":500}} and read their whole
     * answers; each count, or -1 with the reason for a client whose REQ failed.
     */
    public static Tally largeAnswers(URI url, int clients, String tag, int expected) throws InterruptedException {
        int[] counts = new int[clients];
        List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int k = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try (CountingSocket s = CountingSocket.connect(url, 120_000, ATTACKER)) {
                    counts[k] = s.queryCount("b", List.of(Filter.builder().tag('t', tag).limit(500).build()));
                } catch (IOException e) {
                    counts[k] = -1;
                    reasons.add(String.valueOf(e.getMessage()));
                }
            }));
        }
        for (Thread t : threads) t.join();
        int ok = 0;
        for (int c : counts) if (c == expected) ok++;
        return new Tally(ok, clients - ok, reasons);
    }

    /**
     * A new client (from 127.0.0.1) connects, publishes a small event, waits for its OK and asks
     * for it by id: the milliseconds all that took, or empty if it failed or took over {@code limit}.
     */
    public static Optional<Double> freshClient(URI url, Duration limit) {
        long t0 = System.nanoTime();
        try (RelayClient c = RelayClient.connect(url, limit)) {
            Event e = EventBuilder.create(1, System.currentTimeMillis() / 1000).content("a fresh client " + t0).sign(SecretKey.generate(new SplittableRandom(t0)));
            RelayMessage.Ok ok = c.publish(e).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ok.accepted()) return Optional.empty();
            List<Event> back = c.query("fresh", List.of(Filter.builder().ids(Set.of(e.id())).build())).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!back.equals(List.of(e))) return Optional.empty();
            double ms = (System.nanoTime() - t0) / 1e6;
            return ms <= limit.toMillis() ? Optional.of(ms) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The node's /healthz status code, or -1 when it does not answer within 5 s. */
    public static int health(URI url) {
        return get(url, "/healthz").map(HttpResponse::statusCode).orElse(-1);
    }

    /** Bytes of heap in use now, from the node's /metrics; -1 when it does not answer. */
    public static long heapUsed(URI url) {
        return get(url, "/metrics").map(r -> r.body().lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()).orElse(-1L);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Optional<HttpResponse<String>> get(URI ws, String path) {
        try {
            URI http = URI.create("http://" + ws.getHost() + ":" + ws.getPort() + path);
            return Optional.of(HTTP.send(HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Closes what a load left open, ignoring failures (the node may have cut them). */
    public static void closeAll(List<AutoCloseable> held) {
        for (AutoCloseable c : held) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
        held.clear();
    }
}
