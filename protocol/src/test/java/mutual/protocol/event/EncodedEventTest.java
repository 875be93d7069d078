package mutual.protocol.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.Sha256;
import mutual.protocol.crypto.Signature;
import org.junit.jupiter.api.Test;

/** {@link EventJson#encode} against the two plain serializations it stands for, on random and awkward text. */
class EncodedEventTest {
    /** Characters on which escaping differs: quotes, backslashes, controls, non-ASCII, lone and paired surrogates. */
    private static final String AWKWARD = "a\"\\\n\r\t\b\f\u0000\u0001\u001f\u007f é€\uD83D\uDE00\uD800\uDC00z";

    @Test
    void jsonAndIdHashAreThoseOfTheTwoSerializationsForRandomEvents() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            Event e = random(r);
            EncodedEvent enc = EventJson.encode(e);
            assertArrayEquals(EventJson.writeBytes(e), enc.json());
            assertArrayEquals(Sha256.hash(Canonical.serialize(e)), enc.canonicalHash());
        }
    }

    @Test
    void aSignedEventChecksTheSameWithTheHashMadeBeside() {
        Event good = EventBuilder.create(1, 1_700_000_000L).tag("t", "soup").content("bread \"and\" soup\n").sign(SecretKey.generate(new SplittableRandom(3)));
        assertEquals(EventCheck.problem(good), EventCheck.problem(good, EventJson.encode(good).canonicalHash()));
        assertEquals(java.util.Optional.empty(), EventCheck.problem(good, EventJson.encode(good).canonicalHash()));
        Event altered = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), "bread", good.sig());
        assertEquals(java.util.Optional.of("event id does not match its content"),
                EventCheck.problem(altered, EventJson.encode(altered).canonicalHash()));
    }

    private static Event random(SplittableRandom r) {
        List<Tag> tags = new ArrayList<>();
        for (int t = r.nextInt(5); t > 0; t--) {
            List<String> values = new ArrayList<>();
            for (int v = 1 + r.nextInt(3); v > 0; v--) values.add(text(r));
            tags.add(new Tag(values));
        }
        return new Event(EventId.of(bytes(r, 32)), PubKey.of(bytes(r, 32)), r.nextLong(0, 1L << 40), r.nextInt(0, 65536), tags, text(r),
                Signature.of(bytes(r, 64)));
    }

    private static String text(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(40); n > 0; n--) sb.append(AWKWARD.charAt(r.nextInt(AWKWARD.length())));
        return sb.toString();
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
