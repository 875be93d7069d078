package mutual.engine.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mutual.engine.relay.RelayConfig;
import mutual.engine.testing.Keys;
import mutual.engine.testing.NegSync;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.VectorStorage;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIP-77 on a real node over loopback: exact differences, read rules, caps and errors. */
class NegentropySyncTest {
    @TempDir Path dir;
    final SecretKey alice = Keys.key(1), bob = Keys.key(2), carol = Keys.key(3);

    static List<Event> notes(SecretKey k, long from, int n, String tag) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Keys.note(k, from + i / 3, tag + i));
        return out;
    }

    static VectorStorage setOf(List<Event> events) {
        VectorStorage.Builder b = VectorStorage.builder();
        events.forEach(e -> b.add(e.createdAt(), e.id()));
        return b.seal();
    }

    static Set<EventId> ids(List<Event> events) {
        return events.stream().map(Event::id).collect(Collectors.toSet());
    }

    @Test
    void reconciliationFindsExactlyTheDifferenceAndFollowsLaterWrites() {
        try (TestNode node = TestNode.start(dir); WsClient c = node.connect()) {
            long t = node.now() - 10_000;
            List<Event> both = notes(alice, t, 2500, "both"), onlyNode = notes(bob, t + 100, 700, "node"), onlyClient = notes(carol, t + 50, 600, "client");
            List<Event> stored = new ArrayList<>(both);
            stored.addAll(onlyNode);
            node.store.write(stored);
            List<Event> mine = new ArrayList<>(both);
            mine.addAll(onlyClient);

            NegSync.Result r = NegSync.run(c, "s1", Filter.builder().build(), setOf(mine));
            assertTrue(r.ok(), r.error());
            assertEquals(ids(onlyNode), r.need());
            assertEquals(ids(onlyClient), r.have());
            assertTrue(r.rounds() > 1, "a difference this size takes more than one round");

            // The index now lives in memory; writes, replacements and deletions after its load must show.
            Event profile = Keys.event(alice, 0, t + 1, "v1"), newer = Keys.event(alice, 0, t + 2, "v2");
            Event deletion = Keys.event(bob, 5, t + 3, "", Tag.of("e", onlyNode.get(0).id().hex()));
            c.publishAccepted(profile);
            c.publishAccepted(newer);
            c.publishAccepted(deletion);
            NegSync.Result again = NegSync.run(c, "s2", Filter.builder().build(), setOf(stored));
            assertTrue(again.ok(), again.error());
            assertEquals(Set.of(newer.id(), deletion.id()), again.need());
            assertEquals(Set.of(onlyNode.get(0).id()), again.have());
        }
    }

    @Test
    void sinceAndUntilAndOtherFiltersLimitTheSet() {
        try (TestNode node = TestNode.start(dir); WsClient c = node.connect()) {
            long t = node.now() - 10_000;
            List<Event> a = notes(alice, t, 90, "a"), b = notes(bob, t, 90, "b");
            node.store.write(a);
            node.store.write(b);
            NegSync.Result window = NegSync.run(c, "w", Filter.builder().since(t + 10).until(t + 19).build(), setOf(List.of()));
            assertEquals(a.stream().filter(e -> e.createdAt() >= t + 10 && e.createdAt() <= t + 19).count() * 2, window.need().size());
            NegSync.Result byAuthor = NegSync.run(c, "f", Filter.builder().authors(bob.publicKey()).build(), setOf(a));
            assertEquals(ids(b), byAuthor.need());
            assertEquals(ids(a), byAuthor.have(), "the client set is not filtered: all of it is news to the node");
        }
    }

    @Test
    void giftWrapsAreReconciledOnlyWithTheirAuthenticatedRecipient() {
        try (TestNode node = TestNode.start(dir); WsClient anon = node.connect(); WsClient asAlice = node.connect(); WsClient asBob = node.connect()) {
            long t = node.now() - 100;
            Event wrap = Keys.event(carol, 1059, t, "sealed", Tag.of("p", alice.publicKey().hex()));
            Event note = Keys.note(carol, t, "public");
            node.store.write(List.of(wrap, note));
            asAlice.authAccepted(alice, node.now());
            asBob.authAccepted(bob, node.now());
            Filter wraps = Filter.builder().kinds(1059).build();

            assertEquals(Set.of(note.id()), NegSync.run(anon, "all", Filter.builder().build(), setOf(List.of())).need());
            assertEquals(Set.of(note.id()), NegSync.run(asAlice, "all", Filter.builder().build(), setOf(List.of())).need());
            assertTrue(NegSync.run(anon, "w", wraps, setOf(List.of())).error().startsWith("auth-required: "));
            assertEquals(Set.of(), NegSync.run(asBob, "w", wraps, setOf(List.of())).need());
            assertEquals(Set.of(wrap.id()), NegSync.run(asAlice, "w", wraps, setOf(List.of())).need());
        }
    }

    @Test
    void aSetAboveTheRecordCapIsRefusedWithAClearReason() {
        try (TestNode node = TestNode.start(dir, b -> b.relay(RelayConfig.defaults().withMaxSyncRecords(50)));
             WsClient c = node.connect()) {
            long t = node.now() - 1000;
            node.store.write(notes(alice, t, 60, "a"));
            String all = NegSync.run(c, "a", Filter.builder().build(), setOf(List.of())).error();
            assertTrue(all.startsWith("blocked: too many records; use a narrower filter"), all);
            String byAuthor = NegSync.run(c, "b", Filter.builder().authors(alice.publicKey()).build(), setOf(List.of())).error();
            assertTrue(byAuthor.startsWith("blocked: too many records"), byAuthor);
            NegSync.Result narrow = NegSync.run(c, "c", Filter.builder().since(t + 10).build(), setOf(List.of()));
            assertTrue(narrow.ok(), narrow.error());
            assertEquals(30, narrow.need().size());
        }
    }

    @Test
    void malformedMessagesClosedSessionsAndTooManySessionsGetNegErr() {
        try (TestNode node = TestNode.start(dir, b -> b.relay(RelayConfig.defaults().withMaxSyncSessions(2)));
             WsClient c = node.connect()) {
            node.store.write(notes(alice, node.now() - 100, 40, "a"));
            byte[] init = mutual.protocol.negentropy.Negentropy.client(setOf(List.of())).initiate();
            c.send(new ClientMessage.NegOpen("x", Filter.builder().build(), init));
            c.expect(RelayMessage.NegMsg.class, m -> m.subscriptionId().equals("x"));
            c.send(new ClientMessage.NegMsg("x", new byte[] {0x61, (byte) 0xff}));
            assertTrue(negErr(c, "x").startsWith("invalid: "));
            c.send(new ClientMessage.NegMsg("x", init));
            assertTrue(negErr(c, "x").startsWith("closed: "), "a failed session is gone");

            c.send(new ClientMessage.NegOpen("y", Filter.builder().build(), init));
            c.expect(RelayMessage.NegMsg.class, m -> m.subscriptionId().equals("y"));
            c.send(new ClientMessage.NegClose("y"));
            c.send(new ClientMessage.NegMsg("y", init));
            assertTrue(negErr(c, "y").startsWith("closed: "), "NEG-CLOSE ends the session");

            for (String id : List.of("p", "q")) {
                c.send(new ClientMessage.NegOpen(id, Filter.builder().build(), init));
                c.expect(RelayMessage.NegMsg.class, m -> m.subscriptionId().equals(id));
            }
            c.send(new ClientMessage.NegOpen("r", Filter.builder().build(), init));
            assertTrue(negErr(c, "r").startsWith("rate-limited: "));
            c.send(new ClientMessage.NegOpen("p", Filter.builder().build(), init)); // reusing an id replaces, not adds
            c.expect(RelayMessage.NegMsg.class, m -> m.subscriptionId().equals("p"));
        }
    }

    private static String negErr(WsClient c, String id) {
        return c.expect(RelayMessage.NegErr.class, e -> e.subscriptionId().equals(id)).reason();
    }
}
