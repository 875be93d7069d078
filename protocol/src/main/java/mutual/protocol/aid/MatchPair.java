package mutual.protocol.aid;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Sha256;
import mutual.protocol.event.Address;

/**
 * A need and an offer that a match is about, by their addresses. Every step of one match names the
 * same pair, so the pair is the match's identity; {@link #ref()} is a short stable name for it.
 */
public record MatchPair(Address need, Address offer) {
    public MatchPair {
        if (need.kind() != AidKinds.LISTING || offer.kind() != AidKinds.LISTING)
            throw new AidException("a match pairs two listings (kind " + AidKinds.LISTING + ")");
        if (need.equals(offer)) throw new AidException("a match pairs two different listings");
    }

    /** Hex SHA-256 of {@code need + "\n" + offer} (addresses as {@code kind:pubkey:d}). */
    public String ref() {
        return Hex.encode(Sha256.hash((need + "\n" + offer).getBytes(StandardCharsets.UTF_8)));
    }

    /** Which side the person is on, if either. */
    public Optional<ListingType> sideOf(PubKey person) {
        if (need.pubkey().equals(person)) return Optional.of(ListingType.NEED);
        if (offer.pubkey().equals(person)) return Optional.of(ListingType.OFFER);
        return Optional.empty();
    }

    public Address of(ListingType side) {
        return side == ListingType.NEED ? need : offer;
    }
}
