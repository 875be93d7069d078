package mutual.store.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a NIP-50 {@code search} string into an FTS5 query that cannot be anything but a list of
 * words: each word is quoted as an FTS5 string, so user text never reaches FTS5's own syntax
 * ({@code NEAR(}, {@code *}, {@code "}, {@code AND}, column filters). All words must occur.
 * {@code key:value} words are NIP-50 extensions, none of which we support, so they are ignored.
 */
sealed interface SearchText {
    /** No words at all (empty, blank, or extensions only): the search condition is ignored. */
    record Ignore() implements SearchText {}

    /** Words, but none that could ever be found (only punctuation): nothing matches. */
    record NoMatch() implements SearchText {}

    /** An FTS5 MATCH expression made only of quoted words. */
    record Match(String expression) implements SearchText {}

    Pattern EXTENSION = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*:[^\\s/][^\\s]*");
    int MAX_WORDS = 32;

    static SearchText of(String search) {
        List<String> words = new ArrayList<>();
        boolean any = false;
        for (String w : search.strip().split("\\s+")) {
            if (w.isEmpty() || EXTENSION.matcher(w).matches()) continue;
            any = true;
            // The tokenizer (unicode61) keeps only letters and digits; a word without any
            // would become an empty phrase, which FTS5 treats as matching nothing.
            if (w.codePoints().anyMatch(Character::isLetterOrDigit) && words.size() < MAX_WORDS) words.add(w);
        }
        if (!any) return new Ignore();
        if (words.isEmpty()) return new NoMatch();
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) sb.append(' ');
            // FTS5 reads its query up to a NUL character: one inside a word ends the string early
            // (a syntax error). The tokenizer splits words there anyway, as it does at a space.
            sb.append('"').append(w.replace("\"", "\"\"").replace('\u0000', ' ')).append('"');
        }
        return new Match(sb.toString());
    }
}
