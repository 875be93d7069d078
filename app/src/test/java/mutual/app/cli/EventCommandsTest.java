package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aSignedEventVerifies() throws IOException {
        String nsec = keyGenerate()[1];
        CliRun signed = CliRun.of("event", "sign", "--nsec", nsec, "--kind", "1", "--content", "bread to share\n\"fresh\"",
                "--tag", "t", "food", "--tag", "expiration", "4000000000", "--created-at", "1700000000");
        assertEquals(0, signed.exitCode(), signed.err());
        assertTrue(signed.out().contains("\"kind\":1,\"tags\":[[\"t\",\"food\"],[\"expiration\",\"4000000000\"]]"), signed.out());
        Path f = Files.writeString(dir.resolve("e.jsonl"), signed.out());
        CliRun verified = CliRun.of("event", "verify", f.toString());
        assertEquals("ok\n", verified.out());
        assertEquals(0, verified.exitCode());
    }

    @Test
    void verifyPrintsOneVerdictPerLineInOrderAndExitsOneOnAnyInvalid() throws IOException {
        String nsec = keyGenerate()[1];
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String e = CliRun.of("event", "sign", "--nsec", nsec, "--kind", "1", "--content", "n" + i, "--created-at", "1700000000").out().strip();
            lines.add(i == 7 ? e.replace("\"n" + i + "\"", "\"tampered\"") : e);
        }
        List<String> input = new ArrayList<>();
        for (int r = 0; r < 250; r++) input.addAll(lines); // 5,000 lines: more than one parallel batch
        input.add("{\"not\":\"an event\"}");
        input.add("");
        Path f = Files.write(dir.resolve("many.jsonl"), input);
        CliRun run = CliRun.of("event", "verify", f.toString());
        String[] out = run.out().split("\n", -1);
        assertEquals(input.size() + 1, out.length, "one line per input line");
        for (int i = 0; i < input.size() - 2; i++) {
            boolean tampered = input.get(i).contains("\"tampered\"");
            assertEquals(tampered ? "invalid: event id does not match its content" : "ok", out[i], "line " + (i + 1));
        }
        assertEquals("invalid: event has no id", out[input.size() - 2]);
        assertEquals("invalid: empty line", out[input.size() - 1]);
        assertEquals(1, run.exitCode());
    }

    @Test
    void verifyRejectsAnOverlongLineWithoutReadingItIntoMemory() throws IOException {
        Path f = dir.resolve("long.jsonl");
        Files.writeString(f, "x".repeat(2_000_000) + "\n{}\n");
        CliRun run = CliRun.of("event", "verify", f.toString());
        assertEquals("invalid: line is longer than 524288 bytes\ninvalid: event has no id\n", run.out());
        assertEquals(1, run.exitCode());
    }

    @Test
    void verifyOfAMissingFileSaysSoWithExitCodeThree() {
        CliRun run = CliRun.of("event", "verify", dir.resolve("absent.jsonl").toString());
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace for a user mistake");
    }

    @Test
    void signRejectsABadKeyAndABadKind() {
        CliRun badKey = CliRun.of("event", "sign", "--nsec", "nsec1qqqq", "--kind", "1");
        assertEquals(2, badKey.exitCode());
        assertTrue(badKey.err().startsWith("mutual: "), badKey.err());
        CliRun badKind = CliRun.of("event", "sign", "--nsec", keyGenerate()[1], "--kind", "70000");
        assertEquals(2, badKind.exitCode());
        assertTrue(badKind.err().contains("between 0 and 65535"), badKind.err());
    }

    @Test
    void keyGenerateJsonCarriesMatchingKeys() {
        CliRun run = CliRun.of("key", "generate", "--json");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("\\{\"npub\":\"npub1[02-9ac-hj-np-z]{58}\",\"nsec\":\"nsec1[02-9ac-hj-np-z]{58}\",\"pubkey\":\"[0-9a-f]{64}\"}\\s*"), run.out());
    }

    private static String[] keyGenerate() {
        CliRun run = CliRun.of("key", "generate");
        String[] lines = run.out().split("\n");
        return new String[] {lines[0].substring(5), lines[1].substring(5)};
    }
}
