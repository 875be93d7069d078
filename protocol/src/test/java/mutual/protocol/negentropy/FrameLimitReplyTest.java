package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

/**
 * Replies the frame size limit cuts short must still be messages the other side can read
 * (issue 15: an honest node answered an IdList with one its honest peer refused, "range after
 * the infinity bound", and the link stayed stuck at every retry).
 */
class FrameLimitReplyTest {
    private static final int LIMIT = 4096;

    /**
     * 122 ids take the reply past the limit only once the last is written (the limit is checked
     * before each id): the IdList is kept and reaches infinity, and nothing may follow it.
     */
    @Test
    void anIdListThatReachesInfinityPastTheLimitEndsTheReply() {
        VectorStorage server = items(122, new SplittableRandom(1));
        NegentropyClient client = Negentropy.client(VectorStorage.builder().seal(), NegentropyConfig.defaults().withFrameSizeLimit(LIMIT));
        byte[] reply = Negentropy.server(server, NegentropyConfig.defaults().withFrameSizeLimit(LIMIT)).reconcile(client.initiate());

        assertEquals(1 + 2 + 1 + 1 + 122 * 32, reply.length, "the version, the infinity bound, IdList, its length and 122 ids, nothing after");
        ClientStep step = client.reconcile(reply);
        assertEquals(122, step.need().size());
        assertTrue(step.isDone());
    }

    /** Around the limit, for every size of the answering side's set: every message reads, and the sets reconcile exactly. */
    @Test
    void everySetSizeAroundTheLimitReconcilesThroughReadableMessages() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int n = 0; n <= 400; n++) {
            VectorStorage server = items(n, rnd);
            VectorStorage.Builder some = VectorStorage.builder();
            for (int i = 0; i < n; i += 9) some.add(server.item(i)); // a client holding some of them, and one of its own
            some.add(1_700_000_000L, EventId.of(new byte[32]));
            for (VectorStorage client : new VectorStorage[] {VectorStorage.builder().seal(), some.seal()}) {
                Sync sync = Sync.run(client, server, LIMIT, 100);
                assertEquals(Sync.minus(server, client), sync.need(), n + " items");
                assertEquals(Sync.minus(client, server), sync.have(), n + " items");
                assertTrue(sync.largestMessage() <= LIMIT, sync.largestMessage() + " bytes");
            }
        }
    }

    /**
     * What the reference implementations (and Mutual nodes before this fix) write in that case: the
     * reply, then a Fingerprint at infinity over nothing. It covers nothing, so it is read and dropped.
     */
    @Test
    void theReferenceFormOfSuchAReplyIsReadAndItsEmptyRangeDropped() {
        VectorStorage server = items(122, new SplittableRandom(1));
        byte[] fixed = Negentropy.server(server, NegentropyConfig.defaults().withFrameSizeLimit(LIMIT)).reconcile(Hex.parse("6100000200"));
        byte[] reference = Arrays.copyOf(fixed, fixed.length + 3 + Fingerprint.SIZE);
        reference[fixed.length + 2] = 1; // bound 00 00 (infinity), mode 01
        System.arraycopy(server.fingerprint(122, 122).raw(), 0, reference, fixed.length + 3, Fingerprint.SIZE);

        assertEquals(Message.parse(fixed, NegentropyLimits.defaults()), Message.parse(reference, NegentropyLimits.defaults()));
        NegentropyClient client = Negentropy.client(VectorStorage.builder().seal());
        client.initiate();
        assertEquals(122, client.reconcile(reference).need().size());
    }

    @Test
    void theWriterRefusesARangeAfterInfinity() {
        MessageWriter out = new MessageWriter(Negentropy.PROTOCOL_VERSION);
        out.bound(Bound.infinity());
        out.mode(0);
        assertThrows(IllegalStateException.class, () -> out.bound(Bound.infinity()));
        out.truncate(1);
        out.bound(Bound.infinity()); // once the range at infinity is dropped, another may end the message
        assertTrue(out.reachedInfinity());
    }

    private static VectorStorage items(int n, SplittableRandom rnd) {
        VectorStorage.Builder b = VectorStorage.builder();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            b.add(1_700_000_000L + rnd.nextInt(1_000), EventId.of(id));
        }
        return b.seal();
    }
}
