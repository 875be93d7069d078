package mutual.protocol.aid;

import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.geo.Geohash;

/**
 * An offer or a need: a NIP-99 classified listing (kind 30402) read through Mutual's tags
 * (docs/protocol.md, "Mutual listings and matches"). Parse one with {@link #parse(Event)}; write
 * one with {@link ListingBuilder}.
 *
 * @param radiusKm    how far the author will go or send, when they said so; see {@link #reachKm()}
 * @param window      when help is wanted or available; absent means from publication to expiry
 * @param expiration  NIP-40 expiry; a listing is renewed by publishing it again with a later one
 * @param wantsNotifications      whether the author asks the node to tell them of matches in a NIP-17 message
 * @param referable   whether an urgent need may be referred to linked communities ({@code ["referral", "no"]} says no)
 */
public record Listing(
        Address address,
        EventId id,
        long createdAt,
        ListingType type,
        List<Category> categories,
        List<String> topics,
        String title,
        Optional<String> summary,
        String content,
        Optional<String> location,
        Geohash geohash,
        Optional<Double> radiusKm,
        Optional<Quantity> quantity,
        Urgency urgency,
        Optional<TimeWindow> window,
        List<String> languages,
        ListingStatus status,
        long publishedAt,
        Optional<Long> expiration,
        boolean wantsNotifications,
        boolean referable) {

    /** The radius assumed when a listing names none: a bicycle ride or a short bus trip. */
    public static final double DEFAULT_RADIUS_KM = 10;
    /** Radii beyond this are read as this: matching is local, and the index is built for it. */
    public static final double MAX_RADIUS_KM = 500;

    public Listing {
        categories = List.copyOf(categories);
        topics = List.copyOf(topics);
        languages = List.copyOf(languages);
        if (categories.isEmpty()) throw new AidException("a listing has at least one category");
    }

    /** Reads a kind-30402 event; throws {@link AidException} saying which tag is wrong. Does not check the signature. */
    public static Listing parse(Event event) {
        return ListingParser.parse(event);
    }

    public PubKey author() {
        return address.pubkey();
    }

    /**
     * How far this listing reaches, in km: its radius (or the default), but never less than the
     * size of its own geohash cell, since within the cell nobody can tell who is nearer.
     */
    public double reachKm() {
        double r = Math.min(radiusKm.orElse(DEFAULT_RADIUS_KM), MAX_RADIUS_KM);
        return Math.max(r, Math.max(Geohash.cellWidthKm(geohash.length()), Geohash.cellHeightKm(geohash.length())));
    }

    /** The window the listing stands for: its own, else from publication to expiry (or forever). */
    public TimeWindow effectiveWindow() {
        return window.orElseGet(() -> new TimeWindow(Math.max(0, publishedAt), expiration.orElse(Long.MAX_VALUE)));
    }

    public boolean isExpired(long now) {
        return expiration.isPresent() && expiration.get() <= now;
    }

    /** A builder holding this listing's fields, to publish a new version (renewal, status change). */
    public ListingBuilder toBuilder() {
        return ListingBuilder.from(this);
    }
}
