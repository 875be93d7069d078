package mutual.protocol.aid;

import java.util.Locale;
import java.util.Optional;

/** Whether a listing gives something or asks for it. */
public enum ListingType {
    OFFER, NEED;

    /** The label value in namespace {@link AidKinds#NS_TYPE}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a listing of this type is matched with. */
    public ListingType opposite() {
        return this == OFFER ? NEED : OFFER;
    }

    public static Optional<ListingType> fromLabel(String s) {
        for (ListingType t : values()) if (t.label().equals(s)) return Optional.of(t);
        return Optional.empty();
    }
}
