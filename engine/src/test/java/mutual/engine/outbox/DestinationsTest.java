package mutual.engine.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.dm.GiftWrap;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.relays.RelayList;
import org.junit.jupiter.api.Test;

class DestinationsTest {
    static final SecretKey P = Keys.key(1), Q = Keys.key(2);
    static final Source CLIENT = new Source.Client(1, "127.0.0.1", Set.of());
    static final Function<PubKey, Destinations.Lists> LISTS = k -> k.equals(P.publicKey())
            ? new Destinations.Lists(List.of("wss://p-reads.example"), List.of("wss://p-writes.example"), List.of("wss://p-dms.example"))
            : new Destinations.Lists(List.of("wss://q-reads.example"), List.of("wss://q-writes.example"), List.of());

    @Test
    void ownEventsGoWhereTheAuthorWritesAndAddressedOnesWhereTheOtherReads() {
        Event listing = EventBuilder.create(AidKinds.LISTING, 1).tag("d", "x").sign(P);
        assertEquals(List.of("wss://p-writes.example"), List.copyOf(Destinations.of(listing, CLIENT, LISTS).keySet()));
        Event step = EventBuilder.create(AidKinds.MATCH, 1).tag("p", P.publicKey().hex()).tag("p", Q.publicKey().hex()).sign(Q);
        assertEquals(List.of("wss://q-writes.example", "wss://p-reads.example"), List.copyOf(Destinations.of(step, CLIENT, LISTS).keySet()));
    }

    @Test
    void privateMessagesPreferTheDmListAndFallBackToReadRelays() {
        Event toP = EventBuilder.create(GiftWrap.WRAP, 1).tag("p", P.publicKey().hex()).sign(Keys.key(9));
        assertEquals(List.of("wss://p-dms.example"), List.copyOf(Destinations.of(toP, CLIENT, LISTS).keySet()));
        Event toQ = EventBuilder.create(GiftWrap.WRAP, 1).tag("p", Q.publicKey().hex()).sign(Keys.key(9));
        assertEquals(List.of("wss://q-reads.example"), List.copyOf(Destinations.of(toQ, CLIENT, LISTS).keySet()));
    }

    @Test
    void whatCameFromPeersOrBundlesOrIsNotCarriedStaysHere() {
        Event listing = EventBuilder.create(AidKinds.LISTING, 1).tag("d", "x").sign(P);
        assertTrue(Destinations.of(listing, new Source.Peer("ws://peer"), LISTS).isEmpty());
        assertTrue(Destinations.of(listing, new Source.Bundle(Path.of("b")), LISTS).isEmpty());
        assertTrue(Destinations.of(EventBuilder.create(1, 1).content("a note").sign(P), CLIENT, LISTS).isEmpty());
        assertFalse(Destinations.of(listing, new Source.Local("aid"), LISTS).isEmpty());
    }

    @Test
    void aRelayListGoesToTheRelaysItNamesAndAListIsReadWithinLimits() {
        EventBuilder b = EventBuilder.create(RelayList.OUTBOX, 1);
        for (int i = 0; i < 10; i++) b.tag("r", "wss://r" + i + ".example");
        Map<String, String> d = Destinations.of(b.sign(P), CLIENT, LISTS);
        assertEquals(Destinations.PER_PERSON, d.size(), "a list is followed only so far");
    }

    @Test
    void privateAndOwnAddressesAreRefusedUnlessAllowed() throws Exception {
        AddressGuard strict = new AddressGuard(false, u -> u.contains("me.example"));
        assertTrue(strict.problem("ws://127.0.0.1:7447/").orElseThrow().contains("private address"));
        assertTrue(strict.problem("ws://10.1.2.3/").isPresent());
        assertTrue(strict.problem("ws://[::1]:7447/").isPresent());
        assertTrue(strict.problem("wss://me.example/").isPresent());
        assertTrue(strict.problem("ws://203.0.113.9:7447/").isEmpty(), "a public address");
        AddressGuard lan = new AddressGuard(true, u -> false);
        assertTrue(lan.problem("ws://127.0.0.1:7447/").isEmpty());
        assertTrue(AddressGuard.isPrivate(InetAddress.getByName("100.64.1.1")));
        assertTrue(AddressGuard.isPrivate(InetAddress.getByName("fd00::1")));
        assertFalse(AddressGuard.isPrivate(InetAddress.getByName("2001:db8::1")));
    }
}
