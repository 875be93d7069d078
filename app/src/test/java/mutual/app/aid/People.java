package mutual.app.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;

/**
 * People at their terminals in a scenario test: each has a $MUTUAL_HOME under {@code dir}, all
 * use one passphrase (with a cheap scrypt) and one default node; {@link #close} forgets it all.
 */
final class People implements AutoCloseable {
    private static final String[] PROPERTIES = {"mutual.relay", "mutual.passphrase", "mutual.scrypt.logn", "mutual.home"};
    private final Path dir;

    People(Path dir, URI node) {
        this.dir = dir;
        System.setProperty("mutual.relay", node + "/");
        System.setProperty("mutual.passphrase", "correct horse battery staple");
        System.setProperty("mutual.scrypt.logn", "10");
    }

    PersonRun as(String who, String... args) {
        return PersonRun.as(dir.resolve(who), args);
    }

    PersonRun ok(String who, String... args) {
        PersonRun r = as(who, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.all());
        return r;
    }

    /** Runs a command until its output holds {@code words}: the node suggests matches a moment after a listing arrives. */
    PersonRun awaitOut(String who, String words, String... args) throws InterruptedException {
        PersonRun r = ok(who, args);
        for (int i = 0; i < 100 && !r.out().contains(words); i++) {
            Thread.sleep(100);
            r = ok(who, args);
        }
        assertTrue(r.out().contains(words), r.out());
        return r;
    }

    /** The exit code and the words a person sees, and no stack trace. */
    static void says(PersonRun r, int code, String words) {
        assertEquals(code, r.code(), r.all());
        assertTrue(r.all().contains(words), "expected '" + words + "' in: " + r.all());
        assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    }

    @Override
    public void close() {
        for (String p : PROPERTIES) System.clearProperty(p);
    }
}
