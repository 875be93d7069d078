package mutual.engine.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.dm.ChatMessage;
import mutual.protocol.dm.GiftWrap;
import mutual.protocol.dm.Rumor;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;

/**
 * Tells a person of a suggested match in a NIP-17 message from the node's key (docs/protocol.md,
 * "Telling people"): a kind-14 rumor for that person alone, linking both listings as
 * {@code nostr:naddr} and naming the other person as {@code nostr:npub}, gift-wrapped to them.
 */
final class Notifier {
    private final SecretKey nodeKey;
    private final RandomGenerator random;

    Notifier(SecretKey nodeKey, RandomGenerator random) {
        this.nodeKey = nodeKey;
        this.random = random;
    }

    /** The gift wrap to publish for the author of {@code mine}, about {@code theirs}. */
    Event wrapFor(Listing mine, Listing theirs, MatchPair pair, MatchScore score, Optional<String> relay, long now) {
        List<String> relays = relay.map(List::of).orElse(List.of());
        String text = String.format(Locale.ROOT,
                "Mutual found a possible match for your %s \"%s\": the %s \"%s\" (nostr:%s), %.1f km away.%n"
                        + "Why: %s.%n"
                        + "To talk it over, write to nostr:%s. Your listing: nostr:%s%n"
                        + "Accept or decline with: mutual match accept|decline %s",
                mine.type().label(), mine.title(), theirs.type().label(), theirs.title(),
                Nip19.encode(Entity.Naddr.of(theirs.address(), relays)), score.distanceKm(), String.join("; ", score.reasons()),
                Nip19.npub(theirs.author()), Nip19.encode(Entity.Naddr.of(mine.address(), relays)), pair.ref());
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.of("p", mine.author().hex()));
        tags.add(Tag.of("a", pair.need().toString(), relay.orElse(""), "need"));
        tags.add(Tag.of("a", pair.offer().toString(), relay.orElse(""), "offer"));
        tags.add(Tag.of("subject", "Possible match: " + theirs.title()));
        Rumor rumor = Rumor.create(nodeKey.publicKey(), now, ChatMessage.KIND, tags, text);
        return GiftWrap.wrap(rumor, nodeKey, mine.author(), now, random);
    }
}
