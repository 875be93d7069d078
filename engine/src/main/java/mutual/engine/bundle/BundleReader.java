package mutual.engine.bundle;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import mutual.protocol.crypto.Hex;

/**
 * Reads a bundle file line by line with bounded memory: the manifest first, then each event line
 * as bytes (never longer than a limit), while hashing the event lines for the manifest's
 * checksum and counting how much of the compressed file has been read, for progress.
 * Not thread-safe: one reader thread owns it.
 */
public final class BundleReader implements AutoCloseable {
    /** One event line: its number (1 for the first event) and its bytes, or empty when it was longer than the limit. */
    public record Line(long number, Optional<byte[]> bytes) {}

    private final Counting counting;
    private final InputStream in;
    private final long fileBytes;
    private final int maxLineBytes;
    private final MessageDigest digest = BundleExport.sha256();
    private final Manifest manifest;
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private boolean eof;
    private byte[] acc = new byte[4096];
    private volatile long lines;
    private long eventBytes;
    private boolean hashing;

    private BundleReader(Path file, int maxLineBytes) throws IOException {
        this.maxLineBytes = maxLineBytes;
        this.fileBytes = Files.size(file);
        this.counting = new Counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            this.in = new GZIPInputStream(counting, 1 << 16);
            byte[] first = readLine().flatMap(Line::bytes)
                    .orElseThrow(() -> new BundleException("not a Mutual bundle: no manifest line"));
            this.manifest = Manifest.read(first);
        } catch (ZipException | EOFException e) {
            counting.close();
            throw new BundleException("not a Mutual bundle: " + file + " is not a whole gzip file (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
        this.hashing = true;
    }

    /** Opens a bundle and reads its manifest. Event lines longer than {@code maxLineBytes} are reported, not kept. */
    public static BundleReader open(Path file, int maxLineBytes) throws IOException {
        return new BundleReader(file, maxLineBytes);
    }

    public Manifest manifest() {
        return manifest;
    }

    /**
     * The next event line, or empty at the end of the file. A damaged or truncated file ends in
     * an {@link IOException} ({@code EOFException}, {@code ZipException}) from here.
     */
    public Optional<Line> next() throws IOException {
        return readLine();
    }

    private Optional<Line> readLine() throws IOException {
        int len = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) return Optional.empty();
                return Optional.of(finish(len, tooLong)); // the last line had no newline
            }
            any = true;
            int nl = indexOf(buf, pos, limit);
            int end = nl < 0 ? limit : nl;
            int n = end - pos;
            if (hashing) digest.update(buf, pos, n + (nl < 0 ? 0 : 1));
            if (hashing) eventBytes += n + (nl < 0 ? 0 : 1);
            if (!tooLong) {
                if ((long) len + n > maxLineBytes) {
                    tooLong = true;
                } else {
                    if (len + n > acc.length) acc = Arrays.copyOf(acc, Math.max(len + n, Math.min(maxLineBytes, acc.length * 2)));
                    System.arraycopy(buf, pos, acc, len, n);
                    len += n;
                }
            }
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) return Optional.of(finish(len, tooLong));
        }
    }

    private Line finish(int len, boolean tooLong) {
        if (hashing) lines++;
        return new Line(lines, tooLong ? Optional.empty() : Optional.of(Arrays.copyOf(acc, len)));
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == '\n') return i;
        return -1;
    }

    /** Event lines read so far. */
    public long lines() {
        return lines;
    }

    /** Bytes of event lines read so far, newlines included (the manifest's {@code bytes} at the end). */
    public long eventBytes() {
        return eventBytes;
    }

    /** SHA-256 of the event lines read; call once, after {@link #next()} returned empty. */
    public String sha256() {
        return Hex.encode(digest.digest());
    }

    /** How much of the compressed file has been read. */
    public long compressedBytesRead() {
        return counting.count;
    }

    public long fileBytes() {
        return fileBytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts bytes read from the file. Written by the reader thread, read by progress; a torn read is harmless. */
    private static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
