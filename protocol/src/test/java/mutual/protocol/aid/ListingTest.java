package mutual.protocol.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.Tag;
import mutual.protocol.geo.Geohash;
import org.junit.jupiter.api.Test;

class ListingTest {
    @Test
    void readsBackEveryFieldTheBuilderWrote() {
        Listing l = Listing.parse(AidExamples.need());
        assertEquals(ListingType.NEED, l.type());
        assertEquals(List.of(Category.FOOD), l.categories());
        assertEquals(List.of("groceries"), l.topics());
        assertEquals("Groceries for two people this week", l.title());
        assertEquals(Geohash.of("u33d8"), l.geohash());
        assertEquals(Optional.of(5.0), l.radiusKm());
        assertEquals("2 people", l.quantity().orElseThrow().toString());
        assertEquals(Urgency.URGENT, l.urgency());
        assertEquals(new TimeWindow(AidExamples.T0, AidExamples.T0 + 7 * 86400), l.window().orElseThrow());
        assertEquals(List.of("de", "en"), l.languages());
        assertEquals(ListingStatus.OPEN, l.status());
        assertEquals(Optional.of(AidExamples.T0 + 14 * 86400), l.expiration());
        assertTrue(l.wantsNotifications());
        assertEquals(Optional.of("Kreuzberg, Berlin"), l.location());
        assertEquals(AidExamples.ALICE.publicKey(), l.author());
    }

    @Test
    void reachIsNeverSmallerThanTheCell() {
        Event e = ListingBuilder.create(ListingType.OFFER, "x", "Room").category(Category.HOUSING)
                .geohash(Geohash.of("u33d")).radiusKm(1).sign(AidExamples.BOB, 1);
        assertEquals(Geohash.cellWidthKm(4), Listing.parse(e).reachKm(), 1e-9);
    }

    @Test
    void republishingWithAnotherStatusKeepsTheAddressAndPublicationTime() {
        Listing open = Listing.parse(AidExamples.need());
        Listing done = Listing.parse(AidExamples.fulfilled());
        assertEquals(open.address(), done.address());
        assertEquals(open.publishedAt(), done.publishedAt());
        assertEquals(ListingStatus.FULFILLED, done.status());
        assertEquals(Optional.of("sold"), AidExamples.fulfilled().firstTagValue("status"));
    }

    @Test
    void aPlainNip99ListingIsNotAMutualListing() {
        Event e = EventBuilder.create(30402, 1).tag("d", "bike").tag("title", "Bike").tag("price", "50", "EUR").sign(AidExamples.BOB);
        AidException x = assertThrows(AidException.class, () -> Listing.parse(e));
        assertTrue(x.getMessage().contains("not a Mutual listing"), x.getMessage());
    }

    @Test
    void rejectsTagsThatBreakTheProtocolWithTheirName() {
        assertRejected(t -> without(t, "title"), "title");
        assertRejected(t -> without(t, "g"), "g tag");
        assertRejected(t -> with(t, Tag.of("g", "u34")), "different places");
        assertRejected(t -> replaced(t, "radius_km", Tag.of("radius_km", "-3")), "radius_km");
        assertRejected(t -> replaced(t, "window", Tag.of("window", "20", "10")), "window");
        assertRejected(t -> replaced(t, "expiration", Tag.of("expiration", "soon")), "expiration");
        assertRejected(t -> replaced(t, "quantity", Tag.of("quantity", "lots")), "quantity");
        assertRejected(t -> with(t, Tag.of("l", "offer", AidKinds.NS_TYPE)), "one type");
        assertRejected(t -> with(t, Tag.of("l", "asap", AidKinds.NS_URGENCY)), "urgency");
        assertRejected(t -> with(t, Tag.of("l", "English", AidKinds.NS_LANGUAGE)), "ISO 639-1");
        assertRejected(t -> without(t, "l").stream().toList().isEmpty() ? t : onlyTypeLabel(t), "category");
    }

    @Test
    void ignoresUnknownCategoriesBesideAKnownOne() {
        Listing l = Listing.parse(rebuild(t -> with(t, Tag.of("l", "gardening", AidKinds.NS_CATEGORY))));
        assertEquals(List.of(Category.FOOD), l.categories());
    }

    @Test
    void windowsOverlapWhenTheyShareASecond() {
        assertTrue(new TimeWindow(0, 10).overlaps(new TimeWindow(10, 20)));
        assertFalse(new TimeWindow(0, 9).overlaps(new TimeWindow(10, 20)));
        assertEquals(5, new TimeWindow(0, 15).overlapSeconds(new TimeWindow(10, 20)));
    }

    private static void assertRejected(UnaryOperator<List<Tag>> change, String mention) {
        AidException x = assertThrows(AidException.class, () -> Listing.parse(rebuild(change)));
        assertTrue(x.getMessage().contains(mention), "'" + x.getMessage() + "' should mention " + mention);
    }

    private static Event rebuild(UnaryOperator<List<Tag>> change) {
        Event n = AidExamples.need();
        return EventBuilder.create(n.kind(), n.createdAt()).tags(change.apply(new ArrayList<>(n.tags()))).content(n.content()).sign(AidExamples.ALICE);
    }

    private static List<Tag> without(List<Tag> t, String name) {
        return t.stream().filter(x -> !x.name().equals(name)).toList();
    }

    private static List<Tag> replaced(List<Tag> t, String name, Tag tag) {
        return with(without(t, name), tag);
    }

    private static List<Tag> with(List<Tag> t, Tag tag) {
        List<Tag> out = new ArrayList<>(t);
        out.add(tag);
        return out;
    }

    private static List<Tag> onlyTypeLabel(List<Tag> t) {
        return t.stream().filter(x -> !(x.name().equals("l") && x.get(2).orElse("").equals(AidKinds.NS_CATEGORY))).toList();
    }
}
