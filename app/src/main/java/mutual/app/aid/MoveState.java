package mutual.app.aid;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.Properties;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.Sha256;

/**
 * Where an interrupted {@code mutual id move} stopped: for each source relay and each part of the
 * history (what you wrote, what was addressed to you), the {@code until} below which nothing has
 * been confirmed yet, or that the part is done. One small file per target in $MUTUAL_HOME/move/.
 */
final class MoveState {
    private static final String DONE = "done";
    private final Path file;
    private final Properties cursors = new Properties();

    private MoveState(Path file) {
        this.file = file;
    }

    /** The state of moves to {@code target}; {@code restart} forgets it. */
    static MoveState open(String target, boolean restart) {
        String name = Hex.encode(Sha256.hash(RelayLists.strip(target).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        MoveState s = new MoveState(CliEnv.home().resolve("move").resolve(name + ".state"));
        if (!restart && Files.exists(s.file)) {
            try (Reader r = Files.newBufferedReader(s.file)) {
                s.cursors.load(r);
            } catch (IOException | IllegalArgumentException x) {
                s.cursors.clear(); // a damaged state only costs copying again what is already there
            }
        }
        return s;
    }

    boolean resuming() {
        return !cursors.isEmpty();
    }

    boolean done(String source, String part) {
        return DONE.equals(cursors.getProperty(key(source, part)));
    }

    OptionalLong until(String source, String part) {
        String v = cursors.getProperty(key(source, part));
        return v == null || v.equals(DONE) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    synchronized void save(String source, String part, long until) {
        put(key(source, part), Long.toString(until));
    }

    synchronized void finish(String source, String part) {
        put(key(source, part), DONE);
    }

    /** The whole move arrived: nothing to resume. */
    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException x) {
            // a leftover state only makes the next move skip what this one already confirmed
        }
    }

    private void put(String k, String v) {
        cursors.setProperty(k, v);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                cursors.store(w, "mutual id move: where each source stands (delete to start over, or pass --restart)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException x) {
            throw new CliException(ExitCodes.IO, "cannot write " + file + ": " + x.getMessage());
        }
    }

    private static String key(String source, String part) {
        return RelayLists.strip(source) + " " + part;
    }
}
