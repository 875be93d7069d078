package mutual.engine.policy;

import java.util.function.Predicate;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.ingest.Verdict;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Tag;

/** Rules for kinds and tags with special meaning: NIP-42 auth events, NIP-70, NIP-62, NIP-59. */
final class KindRules {
    static final int AUTH = 22242;
    static final int VANISH = 62;
    static final int GIFT_WRAP = 1059;
    static final String ALL_RELAYS = "ALL_RELAYS";

    private KindRules() {}

    /** NIP-42: an auth event is for one connection's AUTH message; relays must not broadcast it. */
    static Policy noAuthEvents() {
        return Policy.of("nip42-no-publish", c -> c.event().kind() == AUTH
                ? Verdict.invalid("kind 22242 events authenticate a connection (send them as AUTH) and are not published")
                : Verdict.accept());
    }

    /**
     * NIP-70: an event with a {@code ["-"]} tag may be published only by its author, over a
     * connection authenticated as that author. The node's own operator (local source) may too.
     */
    static Policy protectedOnlyByAuthor() {
        return Policy.of("nip70-protected", c -> {
            if (c.event().tags().stream().noneMatch(t -> t.size() == 1 && t.name().equals("-"))) return Verdict.accept();
            return switch (c.source()) {
                case Source.Local l -> Verdict.accept();
                case Source.Client client when client.authenticated().contains(c.event().pubkey()) -> Verdict.accept();
                case Source.Client client when client.authenticated().isEmpty() ->
                        Verdict.reject(Prefix.AUTH_REQUIRED, "this event may only be published by its author (NIP-70)");
                default -> Verdict.reject(Prefix.RESTRICTED, "this event may only be published by its author (NIP-70)");
            };
        });
    }

    /** NIP-62: a vanish request applies here only if it names this relay or all relays. */
    static Policy vanishNamesThisRelay(Predicate<String> namesThisRelay) {
        return Policy.of("nip62-vanish", c -> {
            if (c.event().kind() != VANISH) return Verdict.accept();
            var relays = c.event().tagsNamed("relay").stream().flatMap(t -> t.value().stream()).toList();
            if (relays.isEmpty()) return Verdict.invalid("a vanish request needs a relay tag (NIP-62)");
            for (String r : relays)
                if (r.equals(ALL_RELAYS) || namesThisRelay.test(r)) return Verdict.accept();
            return Verdict.invalid("this vanish request names other relays, not this one (NIP-62)");
        });
    }

    /** NIP-59: a gift wrap must name its recipient, or nobody could ever be allowed to read it here. */
    static Policy giftWrapHasRecipient() {
        return Policy.of("nip59-gift-wrap", c -> {
            if (c.event().kind() != GIFT_WRAP) return Verdict.accept();
            boolean named = false;
            for (Tag t : c.event().tagsNamed("p")) {
                if (t.value().flatMap(PubKey::fromHex).isEmpty()) return Verdict.invalid("a gift wrap's p tag must hold a hex pubkey");
                named = true;
            }
            if (!named) return Verdict.invalid("a gift wrap needs a p tag naming its recipient (NIP-59)");
            if (c.event().content().isEmpty()) return Verdict.invalid("a gift wrap must carry encrypted content (NIP-59)");
            return Verdict.accept();
        });
    }
}
