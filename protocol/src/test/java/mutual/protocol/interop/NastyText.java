package mutual.protocol.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Strings built to break JSON escaping: every C0 control character, DEL, quotes, backslashes,
 * non-BMP characters, U+2028/2029 and lone surrogates, mixed with ordinary text. Used to compare
 * Mutual's NIP-01 serialization with nostr-tools on inputs where implementations usually differ.
 */
final class NastyText {
    /** Pieces a random string is assembled from; each is one or two chars. */
    static final List<String> PIECES = pieces();

    private NastyText() {}

    private static List<String> pieces() {
        List<String> p = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) p.add(String.valueOf(c));
        p.addAll(List.of("\u007f", "\"", "\\", "/", "\\u0041", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"));
        p.addAll(List.of("\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00")); // lone surrogates, high and low
        p.addAll(List.of("😀", "🇺🇳", "𝄞", new String(Character.toChars(0x10ffff)), "\ud800\udc00"));
        p.addAll(List.of("é", "ß", "中", "ש", "\u0080", "\u07ff", "\u0800"));
        p.addAll(List.of("a", "Z", "0", " ", "{", "}", "[", "]", ",", ":", "<", ">", "&", "'", "`"));
        return List.copyOf(p);
    }

    /** Every piece, each followed by a letter so lone surrogates stay lone. */
    static String everything() {
        StringBuilder sb = new StringBuilder();
        for (String piece : PIECES) sb.append(piece).append('x');
        return sb.toString();
    }

    /** A random string of up to {@code maxPieces} pieces; adjacent surrogates may pair up, which is fine too. */
    static String random(SplittableRandom r, int maxPieces) {
        int n = r.nextInt(maxPieces + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) sb.append("plain words ");
            else sb.append(PIECES.get(r.nextInt(PIECES.size())));
        }
        return sb.toString();
    }

    /** The kinds of trouble a test must have covered: each control character, DEL, and the rest. */
    static Set<String> allFeatures() {
        Set<String> all = new TreeSet<>(List.of("DEL", "quote", "backslash", "U+2028", "U+2029", "lone high surrogate",
                "lone low surrogate", "non-BMP character"));
        for (int c = 0; c < 0x20; c++) all.add(control(c));
        return all;
    }

    /** Adds to {@code into} the kinds of trouble that occur in {@code s}. */
    static void collectFeatures(String s, Set<String> into) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) into.add(control(c));
            else if (c == 0x7f) into.add("DEL");
            else if (c == '"') into.add("quote");
            else if (c == '\\') into.add("backslash");
            else if (c == '\u2028' || c == '\u2029') into.add(String.format("U+%04X", (int) c));
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                into.add("non-BMP character");
                i++;
            } else if (Character.isHighSurrogate(c)) into.add("lone high surrogate");
            else if (Character.isLowSurrogate(c)) into.add("lone low surrogate");
        }
    }

    private static String control(int c) {
        return String.format("control U+%04X", c);
    }
}
