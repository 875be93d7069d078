package mutual.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import mutual.engine.ingest.Candidate;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.ingest.Verdict;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;

/** The default admission rules, one by one, with time passed in through the candidate. */
class PoliciesTest {
    static final long NOW = 1_750_000_000L;
    final SecretKey alice = Keys.key(51);
    final SecretKey bob = Keys.key(52);
    final Source anonymous = new Source.Client(1, "10.0.0.1", Set.of());

    static Candidate at(Event e, Source s, Instant when) {
        return new Candidate(e, s, when, e.toJson().length());
    }

    Verdict run(List<Policy> rules, Event e, Source s) {
        for (Policy p : rules) {
            Verdict v = p.check(at(e, s, Instant.ofEpochSecond(NOW)));
            if (!(v instanceof Verdict.Accept)) return v;
        }
        return Verdict.accept();
    }

    List<Policy> defaults() {
        return Policies.defaults(PolicyConfig.defaults(), url -> url.equals("wss://here.example/"));
    }

    static Prefix prefixOf(Verdict v) {
        return assertInstanceOf(Verdict.Reject.class, v).prefix();
    }

    @Test
    void rejectsEventFromTheFuture() {
        Verdict v = run(defaults(), Keys.note(alice, NOW + 901, "later"), anonymous);
        assertEquals(Prefix.INVALID, prefixOf(v));
        assertEquals("invalid: created_at is 901 s in the future (limit 900 s)", ((Verdict.Reject) v).message());
    }

    @Test
    void acceptsAnOrdinaryNote() {
        assertInstanceOf(Verdict.Accept.class, run(defaults(), Keys.note(alice, NOW, "hi"), anonymous));
    }

    @Test
    void rejectsAnEventThatExpiredAtThisVerySecond() {
        assertEquals(Prefix.INVALID, prefixOf(run(defaults(), Keys.note(alice, NOW - 5, "x", Tag.of("expiration", "" + NOW)), anonymous)));
    }

    @Test
    void protectedEventsFollowTheirSource() {
        Event e = Keys.note(alice, NOW, "mine", Tag.of("-"));
        assertEquals(Prefix.AUTH_REQUIRED, prefixOf(run(defaults(), e, anonymous)));
        assertEquals(Prefix.RESTRICTED, prefixOf(run(defaults(), e, new Source.Client(1, "ip", Set.of(bob.publicKey())))));
        assertInstanceOf(Verdict.Accept.class, run(defaults(), e, new Source.Client(1, "ip", Set.of(bob.publicKey(), alice.publicKey()))));
        assertEquals(Prefix.RESTRICTED, prefixOf(run(defaults(), e, new Source.Peer("wss://peer.example/"))));
        assertEquals(Prefix.RESTRICTED, prefixOf(run(defaults(), e, new Source.Bundle(Path.of("b.jsonl")))));
        assertInstanceOf(Verdict.Accept.class, run(defaults(), e, new Source.Local("cli")));
    }

    @Test
    void vanishRequestsMustNameThisRelayOrAll() {
        assertInstanceOf(Verdict.Accept.class, run(defaults(), Keys.event(alice, 62, NOW, "", Tag.of("relay", "wss://here.example/")), anonymous));
        assertInstanceOf(Verdict.Accept.class, run(defaults(), Keys.event(alice, 62, NOW, "",
                Tag.of("relay", "wss://elsewhere.example/"), Tag.of("relay", "ALL_RELAYS")), anonymous));
        assertEquals(Prefix.INVALID, prefixOf(run(defaults(), Keys.event(alice, 62, NOW, "", Tag.of("relay", "all_relays")), anonymous)));
    }

    @Test
    void tagLimitsCountTagsAndValueLength() {
        List<Policy> strict = Policies.defaults(PolicyConfig.defaults().withSizes(100_000, 2, 10), url -> false);
        assertInstanceOf(Verdict.Accept.class, run(strict, Keys.note(alice, NOW, "x", Tag.of("t", "a"), Tag.of("t", "0123456789")), anonymous));
        assertEquals(Prefix.INVALID, prefixOf(run(strict, Keys.note(alice, NOW, "x", Tag.of("t", "a"), Tag.of("t", "b"), Tag.of("t", "c")), anonymous)));
        assertEquals(Prefix.INVALID, prefixOf(run(strict, Keys.note(alice, NOW, "x", Tag.of("t", "01234567890")), anonymous)));
    }

    @Test
    void maxEventBytesMeasuresTheSerializedEvent() {
        List<Policy> small = Policies.defaults(PolicyConfig.defaults().withSizes(400, 10, 100), url -> false);
        assertInstanceOf(Verdict.Accept.class, run(small, Keys.note(alice, NOW, "x".repeat(10)), anonymous));
        assertEquals(Prefix.INVALID, prefixOf(run(small, Keys.note(alice, NOW, "x".repeat(300)), anonymous)));
    }

    @Test
    void perIpRateLimitRefillsWithTheClock() {
        Policy perIp = RateRules.perIp(new Rate(2, 3), Set.of());
        Event e = Keys.note(alice, NOW, "x");
        Instant t = Instant.ofEpochSecond(NOW);
        for (int i = 0; i < 3; i++) assertInstanceOf(Verdict.Accept.class, perIp.check(at(e, anonymous, t)));
        assertEquals(Prefix.RATE_LIMITED, prefixOf(perIp.check(at(e, anonymous, t))));
        assertInstanceOf(Verdict.Accept.class, perIp.check(at(e, new Source.Client(2, "10.0.0.2", Set.of()), t)), "another address has its own bucket");
        assertEquals(Prefix.RATE_LIMITED, prefixOf(perIp.check(at(e, anonymous, t.plusMillis(499)))));
        assertInstanceOf(Verdict.Accept.class, perIp.check(at(e, anonymous, t.plusMillis(1000))), "one token back after half a second");
        assertInstanceOf(Verdict.Accept.class, perIp.check(at(e, new Source.Peer("wss://p/"), t)), "peers are not limited by address");
    }

    @Test
    void perPubkeyRateLimitFollowsTheAuthorAcrossAddresses() {
        Policy perKey = RateRules.perPubkey(new Rate(1, 2), Set.of());
        Instant t = Instant.ofEpochSecond(NOW);
        assertInstanceOf(Verdict.Accept.class, perKey.check(at(Keys.note(alice, NOW, "1"), new Source.Client(1, "a", Set.of()), t)));
        assertInstanceOf(Verdict.Accept.class, perKey.check(at(Keys.note(alice, NOW, "2"), new Source.Client(2, "b", Set.of()), t)));
        assertEquals(Prefix.RATE_LIMITED, prefixOf(perKey.check(at(Keys.note(alice, NOW, "3"), new Source.Client(3, "c", Set.of()), t))));
        assertInstanceOf(Verdict.Accept.class, perKey.check(at(Keys.note(bob, NOW, "4"), new Source.Client(3, "c", Set.of()), t)));
    }

    @Test
    void aConnectionAuthenticatedAsAKnownPeerNodeIsNotLimitedAsOneClient() {
        var node = Keys.key(500);
        Policy perIp = RateRules.perIp(new Rate(1, 1), Set.of(node.publicKey()));
        Policy perKey = RateRules.perPubkey(new Rate(1, 1), Set.of(node.publicKey()));
        Instant t = Instant.ofEpochSecond(NOW);
        Source.Client peer = new Source.Client(7, "10.0.0.7", Set.of(node.publicKey()));
        Source.Client stranger = new Source.Client(8, "10.0.0.8", Set.of(bob.publicKey()));
        for (int i = 0; i < 5; i++) {
            Event e = Keys.note(alice, NOW, "relayed " + i);
            assertInstanceOf(Verdict.Accept.class, perIp.check(at(e, peer, t)));
            assertInstanceOf(Verdict.Accept.class, perKey.check(at(e, peer, t)));
        }
        assertInstanceOf(Verdict.Accept.class, perIp.check(at(Keys.note(bob, NOW, "1"), stranger, t)));
        assertEquals(Prefix.RATE_LIMITED, prefixOf(perIp.check(at(Keys.note(bob, NOW, "2"), stranger, t))), "any other key is one client");
    }

    @Test
    void giftWrapsNeedARecipientAndContent() {
        assertEquals(Prefix.INVALID, prefixOf(run(defaults(), Keys.event(alice, 1059, NOW, "", Tag.of("p", bob.publicKey().hex())), anonymous)));
        assertInstanceOf(Verdict.Accept.class, run(defaults(), Keys.event(alice, 1059, NOW - 100_000, "ct", Tag.of("p", bob.publicKey().hex())), anonymous),
                "wraps may be dated days in the past (NIP-59)");
    }
}
