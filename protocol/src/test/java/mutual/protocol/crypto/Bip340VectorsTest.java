package mutual.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mutual.protocol.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The BIP-340 test vectors: every row verifies as stated, and every row with a secret key signs to the stated signature. */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class Bip340VectorsTest {
    record Row(int index, String secret, String pub, String aux, String message, String sig, boolean valid, String comment) {}

    @TestFactory
    Stream<DynamicTest> everyRowVerifiesAsStated() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row r : rows()) tests.add(DynamicTest.dynamicTest("verify #" + r.index + " " + r.comment, () -> verify(r)));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everySigningRowReproducesItsSignature() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row r : rows()) if (!r.secret.isEmpty()) tests.add(DynamicTest.dynamicTest("sign #" + r.index, () -> sign(r)));
        return tests.stream();
    }

    private static void verify(Row r) {
        byte[] msg = Hex.parse(r.message);
        Optional<PubKey> pub = Hex.decode(r.pub.toLowerCase(), 32).map(PubKey::of);
        Optional<Signature> sig = Hex.decode(r.sig.toLowerCase(), 64).map(Signature::of);
        if (msg.length != 32) skipOtherLength(r, msg);
        boolean ok = pub.isPresent() && sig.isPresent() && Schnorr.verify(msg, sig.get(), pub.get());
        assertEquals(r.valid, ok, "row " + r.index + " (" + r.comment + ")");
    }

    private static void sign(Row r) {
        byte[] msg = Hex.parse(r.message);
        SecretKey key = SecretKey.of(Hex.parse(r.secret)).orElseThrow();
        assertEquals(r.pub.toLowerCase(), key.publicKey().hex(), "row " + r.index + " public key");
        if (msg.length != 32) skipOtherLength(r, msg);
        Signature sig = Schnorr.sign(msg, key, Hex.parse(r.aux));
        assertEquals(r.sig.toLowerCase(), sig.hex(), "row " + r.index + " signature");
    }

    /**
     * BIP-340 allows messages of any length, but the libsecp256k1 binding throws "message must be 32
     * bytes" for sign and verify alike, so rows 15–18 (0, 1, 17 and 100 bytes) cannot run; they are
     * the only rows skipped. Nostr only ever signs 32-byte ids.
     */
    private static void skipOtherLength(Row r, byte[] msg) {
        assumeTrue(false, "row " + r.index + " has a " + msg.length + "-byte message; the libsecp256k1 binding only takes 32-byte messages (Nostr ids are 32 bytes)");
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String[] lines = Vectors.read("bip340-test-vectors.csv").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] f = lines[i].split(",", -1);
            rows.add(new Row(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5], f[6].equals("TRUE"), f.length > 7 ? String.join(",", java.util.Arrays.copyOfRange(f, 7, f.length)) : ""));
        }
        return rows;
    }
}
