package mutual.protocol.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small UTF-8 JSON writer over a growable byte array. It exists because event ids are
 * hashes of exact bytes: the string escaping must be ours, not a library's.
 */
final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int len;

    JsonOut(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    JsonOut raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    JsonOut ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
        return this;
    }

    /** Lowercase hex of {@code bytes}, without quotes and without making a String first. */
    JsonOut hex(byte[] bytes) {
        ensure(bytes.length * 2);
        for (byte b : bytes) {
            buf[len++] = HEX[(b >> 4) & 0xf];
            buf[len++] = HEX[b & 0xf];
        }
        return this;
    }

    JsonOut number(long v) {
        return ascii(Long.toString(v));
    }

    /**
     * Writes a JSON string. Both styles escape quote, backslash and \b \t \n \f \r; lone
     * surrogates become {@code &#92;udxxx} (there is no UTF-8 for them). {@link EscapeStyle#JSON_STRINGIFY}
     * writes every other control character as {@code &#92;u00xx} like ECMAScript's JSON.stringify;
     * {@link EscapeStyle#NIP01_LITERAL} writes them as raw bytes, as NIP-01's text reads.
     */
    JsonOut string(String s, EscapeStyle style) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                if (len == buf.length) ensure(1);
                buf[len++] = (byte) c;
                continue;
            }
            ensure(12);
            switch (c) {
                case '"' -> { buf[len++] = '\\'; buf[len++] = '"'; }
                case '\\' -> { buf[len++] = '\\'; buf[len++] = '\\'; }
                case '\n' -> { buf[len++] = '\\'; buf[len++] = 'n'; }
                case '\r' -> { buf[len++] = '\\'; buf[len++] = 'r'; }
                case '\t' -> { buf[len++] = '\\'; buf[len++] = 't'; }
                case '\b' -> { buf[len++] = '\\'; buf[len++] = 'b'; }
                case '\f' -> { buf[len++] = '\\'; buf[len++] = 'f'; }
                default -> {
                    if (c < 0x20) {
                        if (style == EscapeStyle.JSON_STRINGIFY) unicodeEscape(c);
                        else buf[len++] = (byte) c;
                    } else if (c < 0x800) {
                        buf[len++] = (byte) (0xc0 | (c >> 6));
                        buf[len++] = (byte) (0x80 | (c & 0x3f));
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(++i));
                        buf[len++] = (byte) (0xf0 | (cp >> 18));
                        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                        buf[len++] = (byte) (0x80 | (cp & 0x3f));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c);
                    } else {
                        buf[len++] = (byte) (0xe0 | (c >> 12));
                        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                        buf[len++] = (byte) (0x80 | (c & 0x3f));
                    }
                }
            }
        }
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xf];
        buf[len++] = HEX[(c >> 8) & 0xf];
        buf[len++] = HEX[(c >> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
