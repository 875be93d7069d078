package mutual.app.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.geo.Geohash;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bench web [--events N] [--listings N] [--work-dir DIR]
 * </pre>
 * The web interface on a loaded node: a node process holding {@code --events} events, of which
 * {@code --listings} are offers within about 10 km of Lisbon, and one person's need there. A fresh
 * Chromium (web/test/bench.mjs) opens the page cold, signs in with that person's key, and opens
 * their listings (with the offers that fit) and the listings near them; for each it reports the
 * time until the page is usable and the bytes that crossed the network, compressed as sent.
 * This is a benchmark, not a test: its figures depend on the machine.
 */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = "Measure the web interface on a loaded node: time to interactive and bytes transferred.")
public final class BenchWebCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000", description = "Events the node holds in all (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--listings", defaultValue = "1000", description = "Of those, offers near the person (default ${DEFAULT-VALUE}).")
    int listings;

    @Option(names = "--work-dir", description = "Where the node keeps its data (default: a new temporary folder).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path web = Path.of(System.getProperty("mutual.web", "web")).toAbsolutePath().normalize();
        if (!Files.isDirectory(web.resolve("node_modules/playwright-core")))
            throw new CliException(ExitCodes.USAGE, "the browser driver is not installed: npm ci --prefix " + web);
        if (listings < 1 || events < listings + 1) throw new CliException(ExitCodes.USAGE, "--events must be more than --listings, and --listings at least 1");
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mutual-bench-web-");
        long now = System.currentTimeMillis() / 1000;
        SecretKey person = SecretKey.generate();
        say("Signing %,d events: %,d notes and %,d offers near Lisbon…", events, events - listings - 1, listings);
        List<Event> load = new ArrayList<>(notes(events - listings - 1, now));
        load.addAll(offers(listings, now));
        Event need = ListingBuilder.create(ListingType.NEED, "bench-need", "Groceries for a family of four").category(Category.FOOD)
                .geohash(Geohash.encode(38.7167, -9.1333, 5)).location("Lisbon, PT").radiusKm(20).content("Anything helps.")
                .expiration(now + 30 * 86400).sign(person, now);
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"), List.of())) {
            say("Publishing them to a node at its default settings…");
            long t0 = System.nanoTime();
            int chunk = (load.size() + 3) / 4;
            IntStream.range(0, 4).parallel().forEach(i -> node.publishAtOnce(load.subList(Math.min(load.size(), i * chunk), Math.min(load.size(), (i + 1) * chunk))));
            node.publishAtOnce(List.of(need));
            String base = node.url().toString().replaceFirst("^ws", "http");
            awaitFits(base + "/api/listings/30402:" + person.publicKey().hex() + ":bench-need/matches");
            say("Stored and matched in %.1f s; opening the interface in Chromium…", (System.nanoTime() - t0) / 1e9);
            Process p = new ProcessBuilder("node", "test/bench.mjs", base, Nip19.nsec(person)).directory(web.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) throw new CliException(ExitCodes.INTERNAL, "the browser run failed: " + out);
            System.out.println();
            System.out.printf(Locale.ROOT, "Node: %,d events, %,d offers within about 10 km of the person; Chromium headless, cold cache, loopback.%n%n", events, listings);
            System.out.println(out);
        }
        return ExitCodes.OK;
    }

    /** Waits until the node's index has taken the need and the offers, so the page has fits to show. */
    private static void awaitFits(String url) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"score\"")) return;
            Thread.sleep(200);
        }
        throw new CliException(ExitCodes.INTERNAL, "the node found no offer that fits the need within 2 minutes: " + url);
    }

    private static List<Event> notes(int count, long now) {
        Event[] out = new Event[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(7_000_003L + i);
            out[i] = EventBuilder.create(1, now - r.nextInt(86400)).tag("t", "bench-web")
                    .content("web bench note " + i + " " + Long.toHexString(r.nextLong())).sign(SecretKey.generate(r));
        });
        return List.of(out);
    }

    /** Offers from 250 people, spread over about 15 × 15 km around Lisbon, in every category. */
    private static List<Event> offers(int count, long now) {
        SecretKey[] people = new SecretKey[250];
        SplittableRandom seed = new SplittableRandom(42);
        for (int i = 0; i < people.length; i++) people[i] = SecretKey.generate(seed.split());
        Category[] categories = Category.values();
        Event[] out = new Event[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(9_000_011L + i);
            Category c = i % 3 == 0 ? Category.FOOD : categories[r.nextInt(categories.length)];
            double lat = 38.7167 + (r.nextDouble() - 0.5) * 0.14, lon = -9.1333 + (r.nextDouble() - 0.5) * 0.17;
            out[i] = ListingBuilder.create(ListingType.OFFER, "bench-offer-" + i, "Offer " + i + ": " + c.label() + " to share").category(c)
                    .geohash(Geohash.encode(lat, lon, 5)).location("Lisbon, PT").radiusKm(10 + r.nextInt(20))
                    .content("Bench offer " + i + ", " + c.label() + ".").expiration(now + 30 * 86400).sign(people[i % people.length], now - r.nextInt(86400));
        });
        return List.of(out);
    }

    private static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
