package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

/** The fast storage against a naive one: sorted list, linear search, BigInteger sums. */
class StorageTest {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

    static List<Item> randomItems(SplittableRandom rnd, int n, int timestampSpread) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            if (rnd.nextInt(8) == 0) Arrays.fill(id, 0, 28, (byte) 0xff); // low bytes all ones: sums carry through every limb
            items.add(new Item(1_700_000_000L + rnd.nextInt(timestampSpread), EventId.of(id)));
        }
        return items;
    }

    static Fingerprint naiveFingerprint(List<Item> sorted, int begin, int end) throws Exception {
        BigInteger sum = BigInteger.ZERO;
        for (Item it : sorted.subList(begin, end)) sum = sum.add(new BigInteger(1, reverse(it.id().bytes())));
        byte[] le = reverse(toFixed32(sum.mod(MOD)));
        byte[] count = Varint.encode(end - begin);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(le);
        d.update(count);
        return Fingerprint.of(Arrays.copyOf(d.digest(), 16));
    }

    @Test
    void fingerprintsOfAnyRangeMatchTheDefinitionWhateverTheBlockSize() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Item> items = randomItems(rnd, 700, 50);
        List<Item> sorted = items.stream().sorted().toList();
        for (int block : new int[] {1, 3, 64, 1024}) {
            VectorStorage s = VectorStorage.builder().blockSize(block).addAll(items).seal();
            for (int t = 0; t < 300; t++) {
                int a = rnd.nextInt(701), b = rnd.nextInt(701);
                int begin = Math.min(a, b), end = Math.max(a, b);
                assertEquals(naiveFingerprint(sorted, begin, end), s.fingerprint(begin, end), "block " + block + " [" + begin + "," + end + ")");
            }
            assertEquals(naiveFingerprint(sorted, 0, 700), s.fingerprint(0, 700));
        }
    }

    @Test
    void theEmptyFingerprintHashesAZeroSumAndCountZero() throws Exception {
        byte[] input = new byte[33];
        byte[] expected = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(input), 16);
        assertEquals(Hex.encode(expected), VectorStorage.builder().seal().fingerprint(0, 0).hex());
    }

    @Test
    void itemsAreSortedByTimestampThenIdAndFoundByBound() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Item> items = randomItems(rnd, 500, 20);
        List<Item> sorted = items.stream().sorted().toList();
        VectorStorage s = VectorStorage.of(items);
        for (int i = 0; i < sorted.size(); i++) assertEquals(sorted.get(i), s.item(i));
        for (int t = 0; t < 500; t++) {
            Item probe = sorted.get(rnd.nextInt(sorted.size()));
            byte[] prefix = Arrays.copyOf(probe.id().bytes(), rnd.nextInt(33));
            if (prefix.length > 0 && rnd.nextBoolean()) prefix[prefix.length - 1]++;
            Bound bound = Bound.of(probe.timestamp() + rnd.nextInt(3) - 1, prefix);
            int begin = rnd.nextInt(sorted.size() + 1), end = begin + rnd.nextInt(sorted.size() + 1 - begin);
            int expected = begin;
            while (expected < end && bound.compareItem(sorted.get(expected).timestamp(), sorted.get(expected).id().raw(), 0) < 0) expected++;
            assertEquals(expected, s.findLowerBound(begin, end, bound), bound + " in [" + begin + "," + end + ")");
        }
    }

    @Test
    void aWindowSeesOnlyItsItemsAndSharesTheParentsFingerprints() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Item> sorted = randomItems(rnd, 3000, 1000).stream().sorted().toList();
        VectorStorage s = VectorStorage.builder().blockSize(100).addAll(sorted).seal();
        NegentropyStorage w = s.window(Bound.of(1_700_000_200L, new byte[0]), Bound.of(1_700_000_700L, new byte[0]));
        List<Item> expected = sorted.stream().filter(i -> i.timestamp() >= 1_700_000_200L && i.timestamp() < 1_700_000_700L).toList();
        assertEquals(expected.size(), w.size());
        for (int i = 0; i < w.size(); i++) assertEquals(expected.get(i), w.item(i));
        assertEquals(naiveFingerprint(expected, 0, expected.size()), w.fingerprint(0, w.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> w.id(w.size()));
    }

    @Test
    void anItemAddedTwiceIsRefused() {
        EventId id = EventId.of(new byte[32]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorStorage.builder().add(5, id).add(5, id).seal());
        assertEquals("item added twice: 5," + "00".repeat(32), e.getMessage());
    }

    @Test
    void idSumsAddAndSubtractModulo2To256() {
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        byte[] one = new byte[32];
        one[0] = 1;
        IdSum s = IdSum.zero().add(max, 0).add(one, 0); // 2^256 - 1 + 1 wraps to 0
        assertEquals(Hex.encode(new byte[32]), Hex.encode(s.toBytes()));
        s.subtract(one, 0); // 0 - 1 wraps to 2^256 - 1
        assertEquals(Hex.encode(max), Hex.encode(s.toBytes()));
        assertEquals(s, IdSum.fromBytes(s.toBytes()));
    }

    private static byte[] toFixed32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }
}
