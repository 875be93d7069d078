package mutual.store.postgres;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * NIP-50 on PostgreSQL's full-text search, with the SQLite store's rules: the {@code simple}
 * configuration (no stemming, no stop words: one word is one word, in any language), letters
 * folded to lower case and stripped of diacritics here, before PostgreSQL sees them, so that
 * "cafe" finds "café" without the unaccent extension. Every word of a search must occur; a word
 * is matched as a phrase of its parts ("e-bike"), so user text never reaches tsquery's own syntax.
 */
final class PgText {
    /** Kinds whose content is ciphertext (NIP-04, NIP-59 seal and wrap): no words to search. */
    static final Set<Integer> NOT_SEARCHABLE = Set.of(4, 13, 1059, 1060);
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*:[^\\s/][^\\s]*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    static final int MAX_WORDS = 32;

    private PgText() {}

    /** The text whose words are indexed, or empty for a kind whose content is ciphertext. */
    static Optional<String> indexed(int kind, String content) {
        return NOT_SEARCHABLE.contains(kind) ? Optional.empty() : Optional.of(storable(fold(content)));
    }

    /**
     * The string as PostgreSQL's text holds it, one character for each: its text has no NUL
     * character (U+0000, which JSON allows; it becomes U+FFFD), and the driver sends a lone
     * surrogate as "?" (done here, so that what is stored, and what a batch keeps in memory and
     * compares with it, are one string). Every tag value, d tag and word goes through it, as
     * stored and as asked for; the event's JSON, stored as bytes, keeps them as they were.
     */
    static String storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == 0 || Character.isSurrogate(s.charAt(i))) return rewrite(s);
        }
        return s;
    }

    private static String rewrite(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(ch).append(s.charAt(++i));
            } else {
                b.append(ch == 0 ? '\uFFFD' : Character.isSurrogate(ch) ? '?' : ch);
            }
        }
        return b.toString();
    }

    static String fold(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }

    /** A search: absent when it has no words at all (extensions only: ignored); an empty list when nothing can match. */
    static Optional<List<String>> words(String search) {
        List<String> words = new ArrayList<>();
        boolean any = false;
        for (String w : search.strip().split("\\s+")) {
            if (w.isEmpty() || EXTENSION.matcher(w).matches()) continue;
            any = true;
            if (w.codePoints().anyMatch(Character::isLetterOrDigit) && words.size() < MAX_WORDS) words.add(fold(w));
        }
        return any ? Optional.of(words) : Optional.empty();
    }
}
