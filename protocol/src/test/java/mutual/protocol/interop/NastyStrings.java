package mutual.protocol.interop;

import java.util.SplittableRandom;

/**
 * Random strings made to break serializers: every control character, quotes, backslashes,
 * U+007F, U+2028/2029, non-BMP characters and lone surrogates of both halves.
 */
final class NastyStrings {
    private NastyStrings() {}

    static String next(SplittableRandom r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(12)) {
                case 0, 1 -> sb.append((char) r.nextInt(0x20)); // every control character
                case 2 -> sb.append('"');
                case 3 -> sb.append('\\');
                case 4 -> sb.append(r.nextBoolean() ? '\u007f' : (r.nextBoolean() ? '\u2028' : '\u2029'));
                case 5 -> sb.appendCodePoint(0x1F300 + r.nextInt(0x300)); // emoji, a surrogate pair
                case 6 -> sb.append((char) (0xD800 + r.nextInt(0x400))); // lone high surrogate
                case 7 -> sb.append((char) (0xDC00 + r.nextInt(0x400))); // lone low surrogate
                case 8 -> sb.append("é中ß");
                case 9 -> sb.append('/');
                default -> sb.append((char) ('a' + r.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
