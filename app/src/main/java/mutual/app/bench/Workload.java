package mutual.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;

/**
 * The relay benchmark's events: pre-signed, about 935 bytes each as event JSON, half kind 1 notes and
 * half kind 30402 NIP-99 listings, from a fixed set of keys. Seeded, so every run is the same.
 */
final class Workload {
    static final String[] CATEGORIES = {"food", "housing", "transport", "health", "childcare", "tools", "skills", "money", "company", "other"};
    private static final String WORDS = "bread soup ride bike ladder drill lesson garden tomatoes blanket coat nappies repair paint "
            + "walk dog lift hospital pharmacy fridge chairs table books laptop phone charger heater tent water";

    final List<SecretKey> keys;
    final List<Event> events;
    final List<String> messages; // the ["EVENT",…] text of each event, encoded once

    private Workload(List<SecretKey> keys, List<Event> events) {
        this.keys = keys;
        this.events = events;
        this.messages = publishing(events);
    }

    /** Each event as the EVENT message a client sends to publish it. */
    static List<String> publishing(List<Event> events) {
        return events.stream().map(e -> ClientWire.encode(new ClientMessage.Publish(e))).toList();
    }

    /** Signs {@code count} events from {@code keyCount} keys on all cores; {@code offset} shifts the sequence. */
    static Workload generate(long seed, int keyCount, int count, int offset, long baseTime) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SecretKey> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) keys.add(SecretKey.generate(r.split()));
        Event[] out = new Event[count];
        IntStream.range(0, count).parallel().forEach(i -> out[i] = event(keys, offset + i, baseTime));
        return new Workload(keys, List.of(out));
    }

    static Event event(List<SecretKey> keys, int n, long baseTime) {
        SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        SecretKey key = keys.get(n % keys.size());
        long at = baseTime - (n % 86400) - n / 100;
        String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
        if (n % 2 == 0) {
            return EventBuilder.create(1, at).tag("t", category).content(text(r, 580)).sign(key);
        }
        String gh = geohash(r);
        return EventBuilder.create(30402, at)
                .tag("d", "listing-" + n)
                .tag("title", text(r, 40))
                .tag("summary", text(r, 80))
                .tag("published_at", Long.toString(at))
                .tag("location", "Neighbourhood " + r.nextInt(500))
                .tag("price", "0", "EUR")
                .tag("t", category)
                .tag("g", gh)
                .tag("status", "active")
                .content(text(r, 292))
                .sign(key);
    }

    private static String geohash(SplittableRandom r) {
        String alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        StringBuilder sb = new StringBuilder("u");
        for (int i = 0; i < 4; i++) sb.append(alphabet.charAt(r.nextInt(32)));
        return sb.toString();
    }

    private static String text(SplittableRandom r, int length) {
        String[] words = WORDS.split(" ");
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) sb.append(words[r.nextInt(words.length)]).append(' ');
        sb.setLength(length);
        return sb.toString();
    }

    double averageBytes() {
        return messages.stream().mapToInt(m -> m.length() - 11).average().orElse(0);
    }
}
