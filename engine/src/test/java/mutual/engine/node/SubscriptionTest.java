package mutual.engine.node;

import static mutual.engine.testing.Keys.event;
import static mutual.engine.testing.Keys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mutual.engine.relay.RelayConfig;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REQ, EOSE, live events, CLOSE, COUNT and search against a real node. */
class SubscriptionTest {
    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;
    TestNode node;
    final SecretKey alice = Keys.key(1);
    final SecretKey bob = Keys.key(2);

    @BeforeEach
    void start() {
        node = TestNode.start(dir, b -> b.relay(RelayConfig.defaults().withMaxSubscriptions(3)
                .withMessageRate(mutual.engine.policy.PolicyConfig.Rate.unlimited())));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void eventsAnotherProcessStoresInTheFolderReachLiveSubscriptionsOnce() {
        try (WsClient c = node.connect()) {
            c.req("live", Filter.builder().kinds(1).build());
            Event own = note(alice, node.now() - 3, "published to the node");
            c.publishAccepted(own);
            assertEquals(own, c.liveEvent("live", Duration.ofSeconds(5)).orElseThrow());
            // As `mutual bundle import --data` does on a running node's folder: a second writer.
            List<Event> carried = List.of(note(bob, node.now() - 60, "carried 1"), note(bob, node.now() - 50, "carried 2"));
            try (SqliteStore other = SqliteStore.builder(dir).readers(1).open()) {
                other.write(carried);
            }
            assertEquals(carried.get(0), c.liveEvent("live", Duration.ofSeconds(10)).orElseThrow());
            assertEquals(carried.get(1), c.liveEvent("live", Duration.ofSeconds(5)).orElseThrow());
            // Past the node's next look at the folder: nothing is sent twice, its own event included.
            assertEquals(Optional.empty(), c.liveEvent("live", Duration.ofMillis(2500)));
        }
    }

    static List<EventId> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    @Test
    void anEventAskedForByIdRightAfterItsOkArrivesOnceNotAgainAfterEose() {
        try (WsClient c = node.connect()) {
            for (int i = 0; i < 300; i++) {
                Event e = Keys.note(alice, node.now() - i, "asked for at once " + i);
                c.publishAccepted(e);
                String sub = "id" + i;
                assertEquals(List.of(e), c.req(sub, Filter.builder().ids(java.util.Set.of(e.id())).build()));
                c.send(new mutual.protocol.wire.ClientMessage.Close(sub));
            }
            // A duplicate comes live after its EOSE, and is kept aside by the client: it would show here.
            assertEquals(Optional.empty(), c.nextWithin(QUIET));
        }
    }

    @Test
    void storedEventsComeNewestFirstThenEose() {
        try (WsClient c = node.connect()) {
            Event older = note(alice, node.now() - 20, "older");
            Event newer = note(alice, node.now() - 10, "newer");
            Event other = note(bob, node.now() - 5, "bob");
            c.publishAccepted(older);
            c.publishAccepted(newer);
            c.publishAccepted(other);
            assertEquals(List.of(newer.id(), older.id()), ids(c.req("a", Filter.builder().authors(alice.publicKey()).build())));
            assertEquals(List.of(other.id()), ids(c.req("l", Filter.builder().limit(1).build())));
        }
    }

    @Test
    void liveEventsArriveAfterEoseOnlyForMatchingSubscriptions() {
        try (WsClient reader = node.connect(); WsClient writer = node.connect()) {
            assertEquals(List.of(), reader.req("notes", Filter.builder().kinds(1).authors(alice.publicKey()).build()));
            reader.req("tagged", Filter.builder().tag('t', "bikes").build());
            Event e = note(alice, node.now(), "live");
            writer.publishAccepted(e);
            assertEquals(e.id(), reader.liveEvent("notes", Duration.ofSeconds(5)).orElseThrow().id());
            assertTrue(reader.liveEvent("tagged", QUIET).isEmpty(), "the tag subscription must not get an untagged event");
            Event tagged = note(bob, node.now(), "bike swap", Tag.of("t", "bikes"));
            writer.publishAccepted(tagged);
            assertEquals(tagged.id(), reader.liveEvent("tagged", Duration.ofSeconds(5)).orElseThrow().id());
            assertTrue(reader.liveEvent("notes", QUIET).isEmpty(), "bob's note must not reach alice's subscription");
        }
    }

    @Test
    void closeStopsLiveEvents() {
        try (WsClient reader = node.connect(); WsClient writer = node.connect()) {
            reader.req("s", Filter.builder().kinds(1).build());
            reader.send(new ClientMessage.Close("s"));
            reader.count("sync", Filter.builder().build()); // a round trip, so the CLOSE was handled
            writer.publishAccepted(note(alice, node.now(), "unseen"));
            assertTrue(reader.liveEvent("s", QUIET).isEmpty());
        }
    }

    @Test
    void aReqWithAnOpenIdReplacesThatSubscription() {
        try (WsClient reader = node.connect(); WsClient writer = node.connect()) {
            reader.req("s", Filter.builder().kinds(1).build());
            reader.req("s", Filter.builder().kinds(7).build());
            writer.publishAccepted(note(alice, node.now(), "a note"));
            assertTrue(reader.liveEvent("s", QUIET).isEmpty());
            Event reaction = event(alice, 7, node.now(), "+");
            writer.publishAccepted(reaction);
            assertEquals(reaction.id(), reader.liveEvent("s", Duration.ofSeconds(5)).orElseThrow().id());
        }
    }

    @Test
    void oneSubscriptionTooManyIsClosedWithAReason() {
        try (WsClient c = node.connect()) {
            for (int i = 0; i < 3; i++) c.req("s" + i, Filter.builder().kinds(1).build());
            var closed = c.reqClosed("s3", Filter.builder().kinds(1).build());
            assertTrue(closed.message().startsWith("rate-limited: "), closed.message());
            c.send(new ClientMessage.Close("s0"));
            c.req("s3", Filter.builder().kinds(1).build()); // room again after a CLOSE
        }
    }

    @Test
    void replaceableAndAddressableQueriesReturnOnlyTheLatestVersion() {
        try (WsClient c = node.connect()) {
            c.publishAccepted(event(alice, 0, node.now() - 10, "{\"name\":\"a\"}"));
            Event profile = event(alice, 0, node.now(), "{\"name\":\"b\"}");
            c.publishAccepted(profile);
            c.publishAccepted(event(alice, 30402, node.now() - 10, "v1", Tag.of("d", "bike")));
            Event listing = event(alice, 30402, node.now(), "v2", Tag.of("d", "bike"));
            c.publishAccepted(listing);
            assertEquals(List.of(profile.id()), ids(c.req("p", Filter.builder().kinds(0).authors(alice.publicKey()).build())));
            assertEquals(List.of(listing.id()), ids(c.req("l", Filter.builder().kinds(30402).tag('d', "bike").build())));
        }
    }

    @Test
    void deletedEventsDisappearFromQueries() {
        try (WsClient c = node.connect()) {
            Event e = note(alice, node.now() - 5, "oops");
            c.publishAccepted(e);
            c.publishAccepted(event(alice, 5, node.now(), "", Tag.of("e", e.id().hex())));
            assertEquals(List.of(), c.req("d", Filter.builder().ids(e.id()).build()));
        }
    }

    @Test
    void aDeletionByAnotherAuthorDeletesNothing() {
        try (WsClient c = node.connect()) {
            Event e = note(alice, node.now() - 5, "mine");
            c.publishAccepted(e);
            c.publishAccepted(event(bob, 5, node.now(), "", Tag.of("e", e.id().hex())));
            assertEquals(List.of(e.id()), ids(c.req("d", Filter.builder().ids(e.id()).build())));
        }
    }

    @Test
    void expiredEventsAreNotServedAndThePurgeRemovesThem() throws Exception {
        try (WsClient c = node.connect()) {
            Event e = note(alice, node.now(), "until noon", Tag.of("expiration", Long.toString(node.now() + 30)));
            c.publishAccepted(e);
            assertEquals(1, c.req("x", Filter.builder().ids(e.id()).build()).size());
            node.clock.advance(Duration.ofSeconds(31));
            assertEquals(List.of(), c.req("y", Filter.builder().ids(e.id()).build()));
            assertEquals(1, node.node.purgeExpired().get());
            assertEquals(0, node.store.size());
        }
    }

    @Test
    void countAnswersHowManyMatch() {
        try (WsClient c = node.connect()) {
            for (int i = 0; i < 4; i++) c.publishAccepted(note(alice, node.now() - i, "n" + i));
            c.publishAccepted(note(bob, node.now(), "b"));
            assertEquals(4, c.count("c", Filter.builder().authors(alice.publicKey()).build()));
            assertEquals(5, c.count("c2", Filter.builder().kinds(1).build(), Filter.builder().authors(bob.publicKey()).build()));
        }
    }

    @Test
    void searchFindsWordsInStoredAndLiveEvents() {
        try (WsClient c = node.connect(); WsClient writer = node.connect()) {
            Event bike = note(alice, node.now() - 1, "Offering a bicycle pump");
            c.publishAccepted(bike);
            c.publishAccepted(note(alice, node.now() - 2, "Need a tent"));
            assertEquals(List.of(bike.id()), ids(c.req("s", Filter.builder().search("bicycle").build())));
            Event live = note(bob, node.now(), "Another BICYCLE here");
            writer.publishAccepted(note(bob, node.now(), "nothing relevant"));
            writer.publishAccepted(live);
            assertEquals(live.id(), c.liveEvent("s", Duration.ofSeconds(5)).orElseThrow().id());
        }
    }

    @Test
    void ephemeralEventsAreLiveOnlyAndNeverStored() {
        try (WsClient reader = node.connect(); WsClient writer = node.connect()) {
            reader.req("e", Filter.builder().kinds(20001).build());
            Event e = event(alice, 20001, node.now(), "typing");
            writer.publishAccepted(e);
            assertEquals(e.id(), reader.liveEvent("e", Duration.ofSeconds(5)).orElseThrow().id());
            assertEquals(List.of(), reader.req("again", Filter.builder().kinds(20001).build()));
        }
    }

    @Test
    void aLocalSubmissionReachesLiveSubscribers() throws Exception {
        try (WsClient reader = node.connect()) {
            reader.req("s", Filter.builder().authors(alice.publicKey()).build());
            Event e = note(alice, node.now(), "from the CLI");
            assertTrue(node.node.submit(e, new mutual.engine.ingest.Source.Local("cli")).get().accepted());
            assertEquals(e.id(), reader.liveEvent("s", Duration.ofSeconds(5)).orElseThrow().id());
        }
    }
}
