package mutual.protocol.nip19;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;

/**
 * NIP-19 strings ({@code npub}, {@code nsec}, {@code note}, {@code nprofile}, {@code nevent},
 * {@code naddr}) to {@link Entity} values and back. The TLV forms carry type 0 (the special
 * value), 1 (relay), 2 (author) and 3 (kind, 32-bit big-endian); unknown types are skipped so
 * that newer clients' additions do not break us. See https://github.com/nostr-protocol/nips/blob/master/19.md
 */
public final class Nip19 {
    private static final int SPECIAL = 0, RELAY = 1, AUTHOR = 2, KIND = 3;

    private Nip19() {}

    /** Decodes any NIP-19 string of at most {@link Bech32#NIP19_MAX_LENGTH} characters. */
    public static Entity decode(String text) {
        Bech32.Decoded d = Bech32.decode(text.strip(), Bech32.NIP19_MAX_LENGTH);
        byte[] data = d.data();
        return switch (d.hrp()) {
            case "npub" -> new Entity.Npub(PubKey.of(bare(data, "npub", "public key")));
            case "nsec" -> new Entity.Nsec(SecretKey.of(bare(data, "nsec", "secret key"))
                    .orElseThrow(() -> new Bech32Exception("nsec holds 32 bytes that are not a valid secp256k1 secret key")));
            case "note" -> new Entity.Note(EventId.of(bare(data, "note", "event id")));
            case "nprofile" -> nprofile(Tlv.parse(data));
            case "nevent" -> nevent(Tlv.parse(data));
            case "naddr" -> naddr(Tlv.parse(data));
            default -> throw new Bech32Exception("unknown NIP-19 prefix \"" + d.hrp() + "\" (expected npub, nsec, note, nprofile, nevent or naddr)");
        };
    }

    /** Encodes an entity; fails if a relay or identifier does not fit a TLV entry or the result would exceed NIP-19's length. */
    public static String encode(Entity entity) {
        byte[] data = switch (entity) {
            case Entity.Npub n -> n.pubkey().bytes();
            case Entity.Nsec n -> n.secretKey().bytes();
            case Entity.Note n -> n.id().bytes();
            case Entity.Nprofile n -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                put(out, SPECIAL, n.pubkey().bytes(), "pubkey");
                relays(out, n.relays());
                yield out.toByteArray();
            }
            case Entity.Nevent n -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                put(out, SPECIAL, n.id().bytes(), "event id");
                relays(out, n.relays());
                n.author().ifPresent(a -> put(out, AUTHOR, a.bytes(), "author"));
                if (n.kind().isPresent()) put(out, KIND, kindBytes(n.kind().getAsInt()), "kind");
                yield out.toByteArray();
            }
            case Entity.Naddr n -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                put(out, SPECIAL, n.identifier().getBytes(StandardCharsets.UTF_8), "identifier");
                relays(out, n.relays());
                put(out, AUTHOR, n.pubkey().bytes(), "pubkey");
                put(out, KIND, kindBytes(n.kind()), "kind");
                yield out.toByteArray();
            }
        };
        String s = Bech32.encode(entity.prefix(), data);
        if (s.length() > Bech32.NIP19_MAX_LENGTH)
            throw new Bech32Exception(entity.prefix() + " would be " + s.length() + " characters, more than NIP-19's " + Bech32.NIP19_MAX_LENGTH);
        return s;
    }

    public static String npub(PubKey pubkey) {
        return encode(new Entity.Npub(pubkey));
    }

    public static String nsec(SecretKey secretKey) {
        return encode(new Entity.Nsec(secretKey));
    }

    public static String note(EventId id) {
        return encode(new Entity.Note(id));
    }

    /** A public key given as 64 lowercase hex characters or as an npub, as NIP-19 asks clients to accept. */
    public static Optional<PubKey> parsePubKey(String text) {
        String s = text.strip();
        Optional<PubKey> hex = PubKey.fromHex(s);
        if (hex.isPresent() || !s.regionMatches(true, 0, "npub1", 0, 5)) return hex;
        try {
            return decode(s) instanceof Entity.Npub n ? Optional.of(n.pubkey()) : Optional.empty();
        } catch (Bech32Exception e) {
            return Optional.empty();
        }
    }

    private static byte[] bare(byte[] data, String prefix, String what) {
        if (data.length != 32) throw new Bech32Exception(prefix + " must hold a 32-byte " + what + ", got " + data.length + " bytes");
        return data;
    }

    private static Entity nprofile(Tlv t) {
        byte[] pk = t.first(SPECIAL).orElseThrow(() -> new Bech32Exception("nprofile has no public key (TLV type 0)"));
        return new Entity.Nprofile(PubKey.of(fixed32(pk, "nprofile public key")), relays(t));
    }

    private static Entity nevent(Tlv t) {
        byte[] id = t.first(SPECIAL).orElseThrow(() -> new Bech32Exception("nevent has no event id (TLV type 0)"));
        Optional<PubKey> author = t.first(AUTHOR).map(a -> PubKey.of(fixed32(a, "nevent author")));
        OptionalInt kind = t.first(KIND).map(k -> OptionalInt.of(kind(k))).orElse(OptionalInt.empty());
        return new Entity.Nevent(EventId.of(fixed32(id, "nevent event id")), relays(t), author, kind);
    }

    private static Entity naddr(Tlv t) {
        byte[] d = t.first(SPECIAL).orElseThrow(() -> new Bech32Exception("naddr has no identifier (TLV type 0)"));
        byte[] pk = t.first(AUTHOR).orElseThrow(() -> new Bech32Exception("naddr has no author (TLV type 2)"));
        byte[] k = t.first(KIND).orElseThrow(() -> new Bech32Exception("naddr has no kind (TLV type 3)"));
        return new Entity.Naddr(kind(k), PubKey.of(fixed32(pk, "naddr author")), utf8(d, "naddr identifier"), relays(t));
    }

    private static List<String> relays(Tlv t) {
        List<String> out = new ArrayList<>();
        for (byte[] r : t.all(RELAY)) out.add(utf8(r, "relay"));
        return out;
    }

    private static byte[] fixed32(byte[] v, String what) {
        if (v.length != 32) throw new Bech32Exception(what + " must be 32 bytes, got " + v.length);
        return v;
    }

    private static int kind(byte[] v) {
        if (v.length != 4) throw new Bech32Exception("kind must be 4 bytes, got " + v.length);
        long k = ByteBuffer.wrap(v).getInt() & 0xffffffffL;
        if (k > KindClass.MAX_KIND) throw new Bech32Exception("kind " + k + " is outside 0.." + KindClass.MAX_KIND);
        return (int) k;
    }

    private static byte[] kindBytes(int kind) {
        return ByteBuffer.allocate(4).putInt(kind).array();
    }

    private static String utf8(byte[] v, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v)).toString();
        } catch (CharacterCodingException e) {
            throw new Bech32Exception(what + " is not valid UTF-8");
        }
    }

    private static void relays(ByteArrayOutputStream out, List<String> relays) {
        for (String r : relays) put(out, RELAY, r.getBytes(StandardCharsets.UTF_8), "relay " + r);
    }

    private static void put(ByteArrayOutputStream out, int type, byte[] value, String what) {
        if (value.length > 255) throw new Bech32Exception(what + " is " + value.length + " bytes; a TLV entry holds at most 255");
        out.write(type);
        out.write(value.length);
        out.writeBytes(value);
    }
}
