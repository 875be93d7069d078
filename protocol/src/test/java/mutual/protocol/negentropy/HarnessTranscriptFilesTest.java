package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mutual.protocol.Vectors;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference repository's cross-language test files (negentropy/*.txt, see PROVENANCE.md).
 * The lang* files log the lines each side's harness received ({@code <ms>,<side>,create,<frame
 * limit>}, {@code item,<ts>,<id>}, {@code seal}, {@code initiate}, {@code msg,<hex>}), so the
 * messages in one side's log are what the other side wrote: we replay each side and must write
 * exactly what the other side received. The simpletest and framelimits files are bare
 * {@code <ts>,<id>} item sets with no recorded messages; for them we check the outcome.
 */
class HarnessTranscriptFilesTest {
    /** One side's log: its frame size limit, its items, whether it initiated, and the messages it received. */
    record Log(int frameSizeLimit, VectorStorage items, boolean initiated, List<byte[]> received) {
        static Log read(String file) {
            int limit = -1;
            boolean initiated = false;
            VectorStorage.Builder items = VectorStorage.builder();
            List<byte[]> received = new ArrayList<>();
            for (String line : Vectors.read("negentropy/" + file).split("\n")) {
                if (line.isBlank()) continue;
                String[] f = line.strip().split(",");
                switch (f[2]) {
                    case "create" -> limit = Integer.parseInt(f[3]);
                    case "item" -> items.add(Long.parseUnsignedLong(f[3]), EventId.fromHex(f[4]).orElseThrow());
                    case "seal" -> { }
                    case "initiate" -> initiated = true;
                    case "msg" -> received.add(Hex.parse(f[3]));
                    default -> throw new AssertionError("unknown harness line: " + line);
                }
            }
            return new Log(limit, items.seal(), initiated, received);
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"lang1-kotlin-server.txt, lang1-js-client.txt", "lang2-kotlin-client.txt, lang2-js-server.txt"})
    void weWriteWhatTheOtherImplementationReceived(String clientFile, String serverFile) {
        Log c = Log.read(clientFile), s = Log.read(serverFile);
        // Despite the file names, the side that received "initiate" is the client.
        if (!c.initiated()) {
            Log t = c;
            c = s;
            s = t;
        }
        assertTrue(c.initiated() && !s.initiated());
        NegentropyClient client = Negentropy.client(c.items(), NegentropyConfig.defaults().withFrameSizeLimit(c.frameSizeLimit()));
        NegentropyServer server = Negentropy.server(s.items(), NegentropyConfig.defaults().withFrameSizeLimit(s.frameSizeLimit()));

        List<String> clientWrote = new ArrayList<>(List.of(Hex.encode(client.initiate())));
        boolean done = false;
        for (byte[] reply : c.received()) {
            ClientStep step = client.reconcile(reply);
            assertEquals(List.of(), step.have(), "both sides hold the same items");
            assertEquals(List.of(), step.need());
            step.next().ifPresent(m -> clientWrote.add(Hex.encode(m)));
            done = step.isDone();
        }
        assertTrue(done, "the client ends after the last recorded reply");
        assertEquals(s.received().stream().map(Hex::encode).toList(), clientWrote);

        List<String> serverWrote = s.received().stream().map(m -> Hex.encode(server.reconcile(m))).toList();
        assertEquals(c.received().stream().map(Hex::encode).toList(), serverWrote);
    }

    @ParameterizedTest(name = "{0}/{1} frame size limit {2}")
    @CsvSource({"simpletest-client.txt, simpletest-server.txt, 0", "simpletest-client.txt, simpletest-server.txt, 4096",
            "framelimits-client.txt, framelimits-server.txt, 0", "framelimits-client.txt, framelimits-server.txt, 4096",
            "framelimits-server.txt, framelimits-client.txt, 4096"})
    void itemSetFilesReconcileToTheirTrueDifference(String clientFile, String serverFile, int limit) {
        VectorStorage c = itemSet(clientFile), s = itemSet(serverFile);
        Sync sync = Sync.run(c, s, limit, 100);
        assertEquals(Sync.minus(c, s), sync.have());
        assertEquals(Sync.minus(s, c), sync.need());
        if (limit > 0) assertTrue(sync.largestMessage() <= limit, "largest message " + sync.largestMessage());
    }

    @Test
    void theFrameLimitSetNeedsSeveralRoundsAtTheSmallestLimit() {
        // 147 ids would make a 4.7 KB IdList: at 4096 bytes the server must cut it and continue.
        Sync sync = Sync.run(itemSet("framelimits-client.txt"), itemSet("framelimits-server.txt"), 4096, 100);
        Sync unlimited = Sync.run(itemSet("framelimits-client.txt"), itemSet("framelimits-server.txt"), 0, 100);
        assertTrue(sync.rounds() > unlimited.rounds(), sync.rounds() + " rounds with the limit, " + unlimited.rounds() + " without");
        assertEquals(Set.copyOf(unlimited.need()), Set.copyOf(sync.need()));
    }

    static VectorStorage itemSet(String file) {
        VectorStorage.Builder b = VectorStorage.builder();
        for (String line : Vectors.read("negentropy/" + file).split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.strip().replaceFirst("^item,", "").split(",");
            b.add(Long.parseUnsignedLong(f[0]), EventId.fromHex(f[1]).orElseThrow());
        }
        return b.seal();
    }
}
