package mutual.engine.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import mutual.engine.ingest.Policy;
import mutual.engine.policy.Policies;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.testing.MutableClock;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;
import mutual.store.EventStore;
import mutual.store.StoredEvent;
import mutual.store.sqlite.SqliteStore;

/** Stores, policies and hand-made bundle files for the bundle tests. */
final class BundleFixture {
    final MutableClock clock = MutableClock.atStart();

    SqliteStore store(Path dir) {
        return SqliteStore.builder(dir).readers(1).clock(clock).open();
    }

    /** The node's default policies, with no rate limits, as a bundle import uses them. */
    static List<Policy> policies() {
        PolicyConfig c = PolicyConfig.defaults().withRates(PolicyConfig.Rate.unlimited(), PolicyConfig.Rate.unlimited());
        return Policies.defaults(c, url -> url.equals("ws://here.example/"));
    }

    BundleImport.Summary importInto(EventStore store, Path file, BundleImport.Options options) throws IOException {
        return BundleImport.create(store, policies(), clock, file, options).run();
    }

    BundleImport.Summary importInto(EventStore store, Path file) throws IOException {
        return importInto(store, file, BundleImport.Options.defaults());
    }

    static void write(EventStore store, List<Event> events) {
        store.write(events);
    }

    /** Every event of a store with its stored JSON, by id, gift wraps included. */
    static Map<String, String> contents(EventStore store) {
        Map<String, String> out = new TreeMap<>();
        store.scan(0, Long.MAX_VALUE, (StoredEvent se) -> out.put(se.event().id().hex(), new String(se.json(), StandardCharsets.UTF_8)));
        return out;
    }

    /** A bundle of arbitrary lines, with a manifest that matches them (count, bytes, checksum) unless {@code sha} overrides it. */
    static Path handMade(Path file, List<byte[]> lines, Optional<String> sha) throws IOException {
        MessageDigest d = BundleExport.sha256();
        long bytes = 0;
        for (byte[] l : lines) {
            d.update(l);
            d.update((byte) '\n');
            bytes += l.length + 1;
        }
        Manifest m = new Manifest(1, MutableClock.START, lines.size(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), false,
                bytes, sha.orElse(Hex.encode(d.digest())));
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
            os.write(m.toJsonBytes());
            os.write('\n');
            for (byte[] l : lines) {
                os.write(l);
                os.write('\n');
            }
        }
        return file;
    }

    static List<byte[]> lines(List<Event> events) {
        List<byte[]> out = new ArrayList<>();
        for (Event e : events) out.add(EventJson.writeBytes(e));
        return out;
    }

    /** The file cut to {@code fraction} of its length, as a copy interrupted mid-way would leave it. */
    static Path truncated(Path file, Path to, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(to, Arrays.copyOf(all, (int) (all.length * fraction)));
        return to;
    }
}
