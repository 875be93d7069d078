package mutual.protocol.nip19;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;

/**
 * What a NIP-19 string stands for, one record per prefix. {@link Nip19} turns these into
 * strings and back. See https://github.com/nostr-protocol/nips/blob/master/19.md
 */
public sealed interface Entity {
    /** The bech32 prefix of this kind of entity. */
    String prefix();

    /** {@code npub}: a public key. */
    record Npub(PubKey pubkey) implements Entity {
        public String prefix() {
            return "npub";
        }
    }

    /** {@code nsec}: a secret key; shown only when a person asks to back up their key. */
    record Nsec(SecretKey secretKey) implements Entity {
        public String prefix() {
            return "nsec";
        }
    }

    /** {@code note}: an event id. */
    record Note(EventId id) implements Entity {
        public String prefix() {
            return "note";
        }
    }

    /** {@code nprofile}: a public key and relays where the profile is likely to be found. */
    record Nprofile(PubKey pubkey, List<String> relays) implements Entity {
        public Nprofile {
            relays = List.copyOf(relays);
        }

        public String prefix() {
            return "nprofile";
        }
    }

    /** {@code nevent}: an event id with relay hints and, optionally, its author and kind. */
    record Nevent(EventId id, List<String> relays, Optional<PubKey> author, OptionalInt kind) implements Entity {
        public Nevent {
            relays = List.copyOf(relays);
            kind.ifPresent(Entity::checkKind);
        }

        public String prefix() {
            return "nevent";
        }
    }

    /** {@code naddr}: the coordinate of an addressable or replaceable event, with relay hints. */
    record Naddr(int kind, PubKey pubkey, String identifier, List<String> relays) implements Entity {
        public Naddr {
            checkKind(kind);
            relays = List.copyOf(relays);
            if (identifier == null) throw new IllegalArgumentException("the identifier may be empty but not null");
        }

        public static Naddr of(Address address, List<String> relays) {
            return new Naddr(address.kind(), address.pubkey(), address.d(), relays);
        }

        public Address address() {
            return new Address(kind, pubkey, identifier);
        }

        public String prefix() {
            return "naddr";
        }
    }

    private static void checkKind(int kind) {
        if (kind < 0 || kind > KindClass.MAX_KIND) throw new Bech32Exception("kind " + kind + " is outside 0.." + KindClass.MAX_KIND);
    }
}
