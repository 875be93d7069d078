package mutual.protocol.nip19;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The type-length-value entries inside NIP-19's nprofile, nevent and naddr: one byte type, one
 * byte length, then that many bytes. Entries keep their order; the whole list is bounded by the
 * bech32 string's own length limit.
 */
record Tlv(List<Entry> entries) {
    record Entry(int type, byte[] value) {}

    static Tlv parse(byte[] data) {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (i + 2 > data.length) throw new Bech32Exception("TLV entry at byte " + i + " has a type but no length");
            int type = data[i] & 0xff, len = data[i + 1] & 0xff;
            if (i + 2 + len > data.length)
                throw new Bech32Exception("TLV entry of type " + type + " at byte " + i + " claims " + len + " bytes but only " + (data.length - i - 2) + " remain");
            out.add(new Entry(type, Arrays.copyOfRange(data, i + 2, i + 2 + len)));
            i += 2 + len;
        }
        return new Tlv(List.copyOf(out));
    }

    /** The first entry of a type; like other clients we ignore repeats of single-valued types. */
    Optional<byte[]> first(int type) {
        for (Entry e : entries) if (e.type() == type) return Optional.of(e.value());
        return Optional.empty();
    }

    List<byte[]> all(int type) {
        List<byte[]> out = new ArrayList<>();
        for (Entry e : entries) if (e.type() == type) out.add(e.value());
        return out;
    }
}
