package mutual.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.protocol.filter.FilterJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random events published over a WebSocket, random filters asked by REQ, COUNT and live
 * subscriptions, each answer compared with a deliberately naive reference: scan everything with
 * {@link Filter#matches}, order by created_at descending then id ascending, cut at the limit.
 */
class DifferentialQueryTest {
    static final int MAX_LIMIT = 500;
    static final Comparator<Event> NEWEST_FIRST = Comparator.comparingLong(Event::createdAt).reversed()
            .thenComparing(e -> e.id().hex());

    @TempDir
    Path dir;

    final Random random = new Random(20240601);
    final List<SecretKey> keys = List.of(Keys.key(41), Keys.key(42), Keys.key(43), Keys.key(44));
    final List<Integer> kinds = List.of(1, 7, 1111, 1023); // regular kinds only: the reference does not model replacement
    final List<String> topics = List.of("food", "bikes", "tools", "rides");

    Event randomEvent(long now) {
        EventBuilder b = EventBuilder.create(kinds.get(random.nextInt(kinds.size())), now - random.nextInt(300))
                .content("c" + random.nextInt(1_000_000));
        int tags = random.nextInt(3);
        for (int i = 0; i < tags; i++) {
            if (random.nextBoolean()) b.tag("t", topics.get(random.nextInt(topics.size())));
            else b.tag("p", keys.get(random.nextInt(keys.size())).publicKey().hex());
        }
        return b.sign(keys.get(random.nextInt(keys.size())));
    }

    Filter randomFilter(List<Event> known, long now) {
        FilterBuilder f = Filter.builder();
        if (random.nextInt(6) == 0) f.ids(pick(known.stream().map(Event::id).toList(), 1 + random.nextInt(4)));
        if (random.nextInt(3) == 0) f.authors(pick(keys.stream().map(SecretKey::publicKey).toList(), 1 + random.nextInt(2)));
        if (random.nextInt(3) == 0) f.kinds(pick(kinds, 1 + random.nextInt(2)));
        if (random.nextInt(4) == 0) f.tag('t', pick(topics, 1 + random.nextInt(2)));
        if (random.nextInt(5) == 0) f.tag('p', pick(keys.stream().map(k -> k.publicKey().hex()).toList(), 1));
        if (random.nextInt(3) == 0) f.since(now - random.nextInt(300));
        if (random.nextInt(3) == 0) f.until(now - random.nextInt(300));
        if (random.nextInt(2) == 0) f.limit(random.nextInt(25));
        return f.build();
    }

    <T> Set<T> pick(List<T> from, int n) {
        Set<T> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) out.add(from.get(random.nextInt(from.size())));
        return out;
    }

    /** The naive reference for a stored answer. */
    static List<EventId> reference(List<Event> all, List<Filter> filters) {
        Set<Event> union = new HashSet<>();
        for (Filter f : filters) {
            int limit = Math.min(f.limit().orElse(MAX_LIMIT), MAX_LIMIT);
            all.stream().filter(f::matches).sorted(NEWEST_FIRST).limit(limit).forEach(union::add);
        }
        return union.stream().sorted(NEWEST_FIRST).map(Event::id).toList();
    }

    @Test
    void storedAnswersCountsAndLiveDeliveriesAgreeWithTheNaiveReference() {
        try (TestNode node = TestNode.start(dir); WsClient writer = node.connect(); WsClient reader = node.connect()) {
            long now = node.now();
            List<Event> all = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                Event e = randomEvent(now);
                writer.publishAccepted(e);
                all.add(e);
            }
            int nonEmpty = 0;
            for (int q = 0; q < 60; q++) {
                List<Filter> filters = new ArrayList<>();
                int n = 1 + (random.nextInt(4) == 0 ? 1 : 0);
                for (int i = 0; i < n; i++) filters.add(randomFilter(all, now));
                String described = filters.stream().map(FilterJson::write).collect(Collectors.joining(" "));
                List<EventId> got = reader.req("q" + q, filters.toArray(Filter[]::new)).stream().map(Event::id).toList();
                assertEquals(reference(all, filters), got, "REQ " + described);
                if (!got.isEmpty()) nonEmpty++;
                long expectedCount = all.stream().filter(e -> filters.stream().anyMatch(f -> f.matches(e))).count();
                assertEquals(expectedCount, reader.count("c" + q, filters.toArray(Filter[]::new)), "COUNT " + described);
                reader.send(new mutual.protocol.wire.ClientMessage.Close("q" + q));
            }

            assertTrue(nonEmpty >= 20, "the random filters should often match something, matched " + nonEmpty);

            // Live: open subscriptions, publish more, compare what each received with Filter.matches.
            Map<String, Filter> live = new TreeMap<>();
            for (int s = 0; s < 20; s++) {
                Filter f = randomFilter(all, now);
                live.put("live" + s, f);
                reader.req("live" + s, f);
            }
            List<Event> fresh = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Event e = randomEvent(now);
                writer.publishAccepted(e);
                fresh.add(e);
            }
            Map<String, Set<EventId>> expected = new TreeMap<>();
            live.forEach((id, f) -> expected.put(id, fresh.stream().filter(f::matches).map(Event::id).collect(Collectors.toCollection(TreeSet::new))));
            Map<String, Set<EventId>> received = new TreeMap<>();
            live.keySet().forEach(id -> received.put(id, new TreeSet<>()));
            int want = expected.values().stream().mapToInt(Set::size).sum();
            int got = 0;
            while (true) {
                var m = reader.nextWithin(Duration.ofMillis(got < want ? 5000 : 300));
                if (m.isEmpty()) break;
                if (m.get() instanceof mutual.protocol.wire.RelayMessage.EventMsg e && received.containsKey(e.subscriptionId())) {
                    received.get(e.subscriptionId()).add(e.event().id());
                    got++;
                }
            }
            assertTrue(want >= 20, "the live filters should match some new events, matched " + want);
            assertEquals(expected, received);
        }
    }
}
