package mutual.protocol.nip19;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bech32 as BIP-173 defines it (the original checksum constant, not bech32m), without BIP-173's
 * 90-character limit: NIP-19 entities such as nprofile and naddr are longer, so every decoder
 * call names its own maximum (NIP-19 suggests 5000). See https://github.com/nostr-protocol/nips/blob/master/19.md
 */
public final class Bech32 {
    /** The largest string NIP-19 says a decoder should accept. */
    public static final int NIP19_MAX_LENGTH = 5000;

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final byte[] VALUES = new byte[128];
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int MAX_HRP = 83;
    private static final int CHECKSUM = 6;

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < CHARSET.length(); i++) VALUES[CHARSET.charAt(i)] = (byte) i;
    }

    private Bech32() {}

    /** A decoded string: its human-readable part (lowercase) and its payload as 8-bit bytes. */
    public record Decoded(String hrp, byte[] data) {
        public Decoded {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Decoded d && hrp.equals(d.hrp) && Arrays.equals(data, d.data);
        }

        @Override
        public int hashCode() {
            return hrp.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Decoded[hrp=" + hrp + ", " + data.length + " bytes]";
        }
    }

    /** A decoded string whose payload is left as 5-bit groups (values 0..31), as BIP-173 itself defines it. */
    public record Words(String hrp, byte[] words) {
        public Words {
            words = words.clone();
        }

        @Override
        public byte[] words() {
            return words.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Words w && hrp.equals(w.hrp) && Arrays.equals(words, w.words);
        }

        @Override
        public int hashCode() {
            return hrp.hashCode() * 31 + Arrays.hashCode(words);
        }

        @Override
        public String toString() {
            return "Words[hrp=" + hrp + ", " + words.length + " groups]";
        }
    }

    /** Encodes 8-bit data under a lowercase human-readable part. */
    public static String encode(String hrp, byte[] data) {
        return encodeWords(hrp, convert(data, 8, 5, true));
    }

    /** Decodes a string of at most {@code maxLength} characters whose payload is whole bytes. */
    public static Decoded decode(String text, int maxLength) {
        Words w = decodeWords(text, maxLength);
        return new Decoded(w.hrp(), convert(w.words, 5, 8, false));
    }

    /** Encodes 5-bit groups (each 0..31) under a lowercase human-readable part. */
    public static String encodeWords(String hrp, byte[] words) {
        checkHrp(hrp);
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c >= 'A' && c <= 'Z') throw new Bech32Exception("the human-readable part must be lowercase");
        }
        for (byte w : words) if (w < 0 || w > 31) throw new Bech32Exception("a 5-bit group is out of range: " + w);
        byte[] checksum = checksum(hrp, words);
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + words.length + CHECKSUM).append(hrp).append('1');
        for (byte w : words) sb.append(CHARSET.charAt(w));
        for (byte w : checksum) sb.append(CHARSET.charAt(w));
        return sb.toString();
    }

    /** Decodes a string of at most {@code maxLength} characters, leaving the payload as 5-bit groups. */
    public static Words decodeWords(String text, int maxLength) {
        if (text.length() > maxLength)
            throw new Bech32Exception("the string is " + text.length() + " characters long, more than the limit of " + maxLength);
        boolean lower = false, upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) throw new Bech32Exception("character " + describe(c) + " at position " + i + " is not allowed in bech32");
            if (c >= 'a' && c <= 'z') lower = true;
            if (c >= 'A' && c <= 'Z') upper = true;
        }
        if (lower && upper) throw new Bech32Exception("the string mixes upper and lower case");
        String s = text.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 0) throw new Bech32Exception("there is no separator '1'");
        if (sep == 0) throw new Bech32Exception("the human-readable part is empty");
        String hrp = s.substring(0, sep);
        checkHrp(hrp);
        int n = s.length() - sep - 1;
        if (n < CHECKSUM) throw new Bech32Exception("the checksum is too short: " + n + " characters after the separator, at least 6 needed");
        byte[] all = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(sep + 1 + i);
            int v = VALUES[c];
            if (v < 0) throw new Bech32Exception("character " + describe(c) + " at position " + (sep + 1 + i) + " is not a bech32 data character");
            all[i] = (byte) v;
        }
        if (polymod(hrp, all) != 1) throw new Bech32Exception("the checksum is wrong (a typo, or a bech32m string)");
        return new Words(hrp, Arrays.copyOf(all, n - CHECKSUM));
    }

    /**
     * Regroups bits, most significant first. Padding is added when {@code pad} (encoding); when
     * decoding, leftover bits must be fewer than {@code from} and all zero, as BIP-173 requires.
     */
    static byte[] convert(byte[] in, int from, int to, boolean pad) {
        int acc = 0, bits = 0, max = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte b : in) {
            int v = b & 0xff;
            if (v >> from != 0) throw new Bech32Exception("a value does not fit in " + from + " bits");
            acc = ((acc << from) | v) & 0xfffff;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >> bits) & max);
            }
        }
        if (pad) {
            if (bits > 0) out.write((acc << (to - bits)) & max);
        } else if (bits >= from) {
            throw new Bech32Exception("the payload has an extra 5-bit group that holds no whole byte");
        } else if (((acc << (to - bits)) & max) != 0) {
            throw new Bech32Exception("the payload's padding bits are not zero");
        }
        return out.toByteArray();
    }

    private static void checkHrp(String hrp) {
        if (hrp.isEmpty()) throw new Bech32Exception("the human-readable part is empty");
        if (hrp.length() > MAX_HRP) throw new Bech32Exception("the human-readable part is longer than " + MAX_HRP + " characters");
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) throw new Bech32Exception("character " + describe(c) + " is not allowed in the human-readable part");
        }
    }

    private static byte[] checksum(String hrp, byte[] words) {
        byte[] withZeros = Arrays.copyOf(words, words.length + CHECKSUM);
        int mod = polymod(hrp, withZeros) ^ 1;
        byte[] out = new byte[CHECKSUM];
        for (int i = 0; i < CHECKSUM; i++) out[i] = (byte) ((mod >> (5 * (5 - i))) & 31);
        return out;
    }

    /** The BCH checksum over the expanded human-readable part followed by the data groups. */
    private static int polymod(String hrp, byte[] words) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) chk = step(chk, hrp.charAt(i) >> 5);
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) chk = step(chk, hrp.charAt(i) & 31);
        for (byte w : words) chk = step(chk, w);
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) if (((top >> i) & 1) != 0) chk ^= GENERATOR[i];
        return chk;
    }

    private static String describe(char c) {
        return c >= 33 && c <= 126 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
