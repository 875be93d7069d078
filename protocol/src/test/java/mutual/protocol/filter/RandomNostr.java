package mutual.protocol.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * Random events and filters drawn from small pools, so that filters often hit and often
 * miss: few authors, few kinds, a narrow time window whose edges filters land on exactly, and
 * tags whose letters and values collide. Signatures are random bytes; matching never checks them.
 */
public final class RandomNostr {
    public static final long FIRST_TIME = 1_000, LAST_TIME = 1_020;
    private static final int[] KINDS = {0, 1, 3, 5, 7, 1984, 10002, 30402, 65535};
    private static final String[] TAG_NAMES = {"e", "p", "t", "g", "d", "T", "P", "ee", "", "#e", "x"};
    private static final char[] FILTER_LETTERS = {'e', 'p', 't', 'g', 'd', 'T', 'P', 'x', 'z'};
    private static final String[] VALUES = {"a", "b", "c", "", "ü", "a ", "A", "\"q\"", "\u0000", "x".repeat(70)};

    private final Random random;
    private final List<EventId> ids = new ArrayList<>();
    private final List<PubKey> authors = new ArrayList<>();

    public RandomNostr(Random random) {
        this.random = random;
        for (int i = 0; i < 40; i++) ids.add(EventId.of(bytes(32)));
        for (int i = 0; i < 6; i++) authors.add(PubKey.of(bytes(32)));
    }

    public Event event() {
        List<Tag> tags = new ArrayList<>();
        for (int n = random.nextInt(6); n > 0; n--) {
            List<String> v = new ArrayList<>();
            v.add(pick(TAG_NAMES));
            for (int k = random.nextInt(4); k > 0; k--) v.add(value());
            tags.add(new Tag(v));
        }
        return new Event(pick(ids), pick(authors), FIRST_TIME + random.nextInt((int) (LAST_TIME - FIRST_TIME + 1)),
                KINDS[random.nextInt(KINDS.length)], tags, "content " + random.nextInt(100), Signature.of(bytes(64)));
    }

    /** A filter whose every field is present or absent at random; lists are sometimes empty. */
    public Filter filter() {
        FilterBuilder b = Filter.builder();
        if (chance(0.3)) b.ids(subset(ids));
        if (chance(0.35)) b.authors(subset(authors));
        if (chance(0.35)) {
            Set<Integer> k = new HashSet<>();
            for (int n = listSize(); n > 0; n--) k.add(KINDS[random.nextInt(KINDS.length)]);
            b.kinds(k);
        }
        for (int n = random.nextInt(3); n > 0; n--) {
            Set<String> v = new HashSet<>();
            for (int m = listSize(); m > 0; m--) v.add(value());
            b.tag(FILTER_LETTERS[random.nextInt(FILTER_LETTERS.length)], v);
        }
        if (chance(0.4)) b.since(FIRST_TIME - 2 + random.nextInt((int) (LAST_TIME - FIRST_TIME + 5)));
        if (chance(0.4)) b.until(FIRST_TIME - 2 + random.nextInt((int) (LAST_TIME - FIRST_TIME + 5)));
        if (chance(0.3)) b.limit(random.nextInt(50));
        if (chance(0.1)) b.search("needle " + random.nextInt(5));
        return b.build();
    }

    /** Values that tags and tag filters share, and now and then an event id or author in hex, as #e and #p carry. */
    private String value() {
        if (chance(0.15)) return pick(ids).hex();
        if (chance(0.1)) return pick(authors).hex();
        return pick(VALUES);
    }

    private <T> Set<T> subset(List<T> pool) {
        Set<T> out = new HashSet<>();
        for (int n = listSize(); n > 0; n--) out.add(pick(pool));
        return out;
    }

    private int listSize() {
        return chance(0.08) ? 0 : 1 + random.nextInt(4);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private <T> T pick(List<T> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
