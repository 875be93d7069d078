package mutual.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Splits a byte stream into lines without ever holding more than {@code maxLineBytes} of one
 * line: a longer line is skipped to its end and reported as too long, so a file with no
 * newlines cannot exhaust memory.
 */
final class BoundedLineReader {
    /** One line: its bytes, or empty when it passed the limit. */
    record Line(Optional<byte[]> bytes) {}

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos, end;
    private byte[] line = new byte[4096];

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its terminator (a trailing CR is dropped too), or null at end of input. */
    Line next() throws IOException {
        int len = 0;
        boolean tooLong = false, sawAny = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!sawAny) return null;
                    return finish(len, tooLong);
                }
            }
            sawAny = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') pos++;
            int chunk = pos - start;
            if (!tooLong) {
                if (len + chunk > maxLineBytes) {
                    tooLong = true;
                } else {
                    if (len + chunk > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, len + chunk));
                    System.arraycopy(buf, start, line, len, chunk);
                    len += chunk;
                }
            }
            if (pos < end) { // found the newline
                pos++;
                return finish(len, tooLong);
            }
        }
    }

    private Line finish(int len, boolean tooLong) {
        if (tooLong) return new Line(Optional.empty());
        if (len > 0 && line[len - 1] == '\r') len--;
        return new Line(Optional.of(Arrays.copyOf(line, len)));
    }
}
