package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mutual.engine.outbox.OutboxDelivery;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.TimeWindow;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.dm.GiftWrap;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import mutual.protocol.relays.RelayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes that do not peer. Pat posts on node A, and Pat's relay lists name node B; Quinn,
 * who has no lists, posts a fitting offer on A. Pat's listing, A's suggestion addressed to Pat and
 * A's private notice to Pat all reach B, where Pat reads.
 */
class OutboxScenarioTest {
    static final SecretKey PAT = Keys.key(11), QUINN = Keys.key(12);
    static final Geohash KREUZBERG = Geohash.encode(52.4986, 13.4030, 5), NEUKOELLN = Geohash.encode(52.4811, 13.4350, 5);

    @TempDir
    Path dir;

    @Test
    void listingsSuggestionsAndNoticesReachTheRelaysPeopleNameWithoutPeering() throws Exception {
        try (TestNode b = TestNode.start(dir.resolve("b")); AidTestNode a = new AidTestNode(dir.resolve("a"));
             OutboxDelivery outbox = OutboxDelivery.install(a.node, a.store, AidTestNode.NODE_KEY, a.clock, true);
             WsClient atA = a.connect(); WsClient atB = b.connect()) {
            String urlA = "ws://127.0.0.1:" + a.port + "/", urlB = "ws://127.0.0.1:" + b.port + "/";
            Event list = EventBuilder.create(RelayList.OUTBOX, a.now()).tag("r", urlA).tag("r", urlB).sign(PAT);
            Event dms = EventBuilder.create(RelayList.DM_INBOX, a.now()).tag("relay", urlB).sign(PAT);
            atA.publishAccepted(list);
            atA.publishAccepted(dms);
            Event need = listing(ListingType.NEED, "groceries", KREUZBERG, a.now()).sign(PAT, a.now());
            atA.publishAccepted(need);
            atA.publishAccepted(listing(ListingType.OFFER, "veg-box", NEUKOELLN, a.now()).sign(QUINN, a.now()));

            await(() -> has(atB, Filter.builder().ids(need.id()).build()), "Pat's need on B");
            await(() -> has(atB, Filter.builder().kinds(RelayList.OUTBOX).authors(PAT.publicKey()).build()), "Pat's relay list on B");
            await(() -> has(atB, Filter.builder().kinds(AidKinds.MATCH).authors(AidTestNode.NODE_KEY.publicKey()).build()), "A's suggestion on B");
            // The private notice is a gift wrap to Pat: B shows it only to Pat (NIP-42), so look at B's store.
            await(() -> !b.store.query(List.of(Filter.builder().kinds(GiftWrap.WRAP).tag('p', PAT.publicKey().hex()).build()),
                    mutual.store.Viewer.node(), 10).isEmpty(), "A's notice to Pat on B");
            // Quinn has no lists: nothing of Quinn's was sent anywhere, so B holds no offer.
            assertEquals(0, atB.count("q", Filter.builder().authors(QUINN.publicKey()).build()));
            // Quinn now writes a list naming B: Quinn's next offer goes there (the node forgets what it
            // read of Quinn's lists, none, when a list of Quinn's arrives).
            atA.publishAccepted(EventBuilder.create(RelayList.OUTBOX, a.now()).tag("r", urlB).sign(QUINN));
            Event second = listing(ListingType.OFFER, "bread", NEUKOELLN, a.now()).sign(QUINN, a.now());
            atA.publishAccepted(second);
            await(() -> has(atB, Filter.builder().ids(second.id()).build()), "Quinn's offer on B once Quinn has a list");
            assertTrue(outbox.queued() >= 0);
        }
    }

    private static ListingBuilder listing(ListingType type, String d, Geohash g, long now) {
        return ListingBuilder.create(type, d, d).category(Category.FOOD).geohash(g).radiusKm(8).notify(true)
                .window(new TimeWindow(now, now + 7 * 86400)).expiration(now + 14 * 86400);
    }

    private static boolean has(WsClient c, Filter f) {
        return c.count("c" + System.nanoTime(), f) > 0;
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
