package mutual.protocol.aid;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a listing is in its life (namespace {@link AidKinds#NS_STATUS}); {@link #OPEN} when absent.
 * Each maps onto NIP-99's coarser {@code status} tag so that classified-listing clients hide what
 * is no longer available.
 */
public enum ListingStatus {
    OPEN("active"), MATCHED("active"), FULFILLED("sold"), WITHDRAWN("sold");

    private final String nip99;

    ListingStatus(String nip99) {
        this.nip99 = nip99;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The NIP-99 {@code status} value: {@code active} or {@code sold}. */
    public String nip99() {
        return nip99;
    }

    /** Whether the listing still asks to be matched or is in a match under way. */
    public boolean isCurrent() {
        return this == OPEN || this == MATCHED;
    }

    public static Optional<ListingStatus> fromLabel(String s) {
        for (ListingStatus t : values()) if (t.label().equals(s)) return Optional.of(t);
        return Optional.empty();
    }
}
