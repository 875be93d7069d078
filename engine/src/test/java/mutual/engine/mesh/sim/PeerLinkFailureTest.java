package mutual.engine.mesh.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mutual.engine.ingest.Source;
import mutual.engine.mesh.PeerSpec;
import mutual.engine.mesh.LinkState;
import mutual.engine.mesh.PeerStatus;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.Test;

/** One link's failure handling over the simulated network, against a peer that refuses every sync. */
class PeerLinkFailureTest {
    /** A relay that answers each client message with {@code reply} (which may send nothing). */
    private record FakeRelay(String name, java.util.function.BiConsumer<SimConnection, ClientMessage> reply) implements Endpoint {
        /** Answers every NEG-OPEN with NEG-ERR. */
        static FakeRelay refuser() {
            return new FakeRelay("refuser", (c, m) -> {
                if (m instanceof ClientMessage.NegOpen o) c.toClient(new RelayMessage.NegErr(o.subscriptionId(), "blocked: no syncs here"));
            });
        }

        /**
         * Answers every negentropy message with one nobody can read ("61 05": a bound cut short),
         * and REQ and EVENT honestly: it serves {@code held} and keeps what it is sent in {@code got}.
         */
        static FakeRelay garbler(List<Event> held, List<Event> got) {
            return new FakeRelay("garbler", (c, m) -> {
                switch (m) {
                    case ClientMessage.NegOpen o -> c.toClient(new RelayMessage.NegMsg(o.subscriptionId(), new byte[] {0x61, 0x05}));
                    case ClientMessage.NegMsg n -> c.toClient(new RelayMessage.NegMsg(n.subscriptionId(), new byte[] {0x61, 0x05}));
                    case ClientMessage.Req r -> {
                        // limit 0 (the live stream's REQ) asks for new events only, as NIP-01 relays answer it
                        for (Event e : held)
                            if (r.filters().stream().anyMatch(f -> f.limit().orElse(1) > 0 && f.matches(e)))
                                c.toClient(new RelayMessage.EventMsg(r.subscriptionId(), e));
                        c.toClient(new RelayMessage.Eose(r.subscriptionId()));
                    }
                    case ClientMessage.Publish p -> {
                        got.add(p.event());
                        c.toClient(new RelayMessage.Ok(p.event().id(), true, ""));
                    }
                    default -> {}
                }
            });
        }

        /** Takes every message and never answers one, like a relay that ignores NEG-OPEN. */
        static FakeRelay mute() {
            return new FakeRelay("mute", (c, m) -> {});
        }

        @Override
        public String url() {
            return "ws://" + name + ".sim/";
        }

        @Override
        public boolean isUp() {
            return true;
        }

        @Override
        public int incarnation() {
            return 1;
        }

        @Override
        public ServerSession accept(SimConnection c) {
            return new ServerSession() {
                @Override
                public void receive(ClientMessage m) {
                    reply.accept(c, m);
                }

                @Override
                public void closed() {}
            };
        }
    }

    /** Issue 15: a peer whose negentropy this node cannot read held a link failing at every sync, moving nothing. */
    @Test
    void aPeerWhoseNegentropyCannotBeReadTwiceStillGetsAndGivesEveryEventAndTheStatusSaysHow() {
        World world = new World(3);
        List<Event> theirs = new ArrayList<>(), got = new ArrayList<>();
        SecretKey key = SimEvents.key(world.random);
        for (int i = 0; i < 5; i++) theirs.add(SimEvents.note(key, 1_750_000_000L + i, "theirs " + i, world.random));
        FakeRelay garbler = FakeRelay.garbler(theirs, got);
        world.network.add(garbler);
        List<String> opens = new ArrayList<>();
        world.network.log = line -> {
            if (line.contains(" > garbler [\"NEG-OPEN\"")) opens.add(line);
        };
        SimNode a = new SimNode(world, "a");
        world.network.add(a);
        a.start();
        List<Event> ours = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Event e = SimEvents.note(key, 1_750_000_100L + i, "ours " + i, world.random);
            ours.add(e);
            a.local().submit(e, new Source.Local("test"));
        }
        world.time.runUntil(1_000);
        a.setPeer(PeerSpec.of(garbler.url()));

        world.time.runUntil(30_000);
        PeerStatus st = a.mesh().status().getFirst();
        assertEquals(2, opens.size(), "tried once more, then moved it another way: " + opens);
        assertTrue(a.stored().keySet().containsAll(theirs.stream().map(Event::id).toList()), "fetched by REQ");
        assertEquals(Set.copyOf(ours), Set.copyOf(got), "offered by EVENT");
        assertEquals(LinkState.LIVE, st.state(), st.toString());
        assertTrue(st.lastError().contains("failed twice") && st.lastError().contains("moving it by REQ/EVENT"), st.lastError());
        assertTrue(st.lastSync().orElseThrow().summary().contains("fell back: negentropy over"), st.lastSync().orElseThrow().summary());
    }

    @Test
    void aPeerThatStopsAnsweringDoesNotHoldTheLinkForever() {
        World world = new World(2);
        FakeRelay mute = FakeRelay.mute();
        world.network.add(mute);
        SimNode a = new SimNode(world, "a");
        world.network.add(a);
        a.addPeer(PeerSpec.of(mute.url()));
        a.start();

        world.time.runUntil(10 * 60_000);
        PeerStatus st = a.mesh().status().getFirst();
        assertTrue(st.errors() >= 2, "the sync gave up and the link tried again: " + st);
        assertTrue(st.lastError().contains("stopped answering"), st.lastError());
    }

    /** Events streamed to a peer that never answers are counted as unconfirmed, from the moment the first was offered. */
    @Test
    void aPeerThatDoesNotConfirmShowsHowFarBehindItIs() {
        World world = new World(4);
        FakeRelay mute = FakeRelay.mute();
        world.network.add(mute);
        SimNode a = new SimNode(world, "a");
        world.network.add(a);
        a.addPeer(PeerSpec.of(mute.url()));
        a.start();
        world.time.runUntil(5_000);
        assertEquals(0, a.mesh().status().getFirst().unconfirmed(), "nothing offered yet");
        SecretKey key = SimEvents.key(world.random);
        for (int i = 0; i < 7; i++) a.local().submit(SimEvents.note(key, 1_750_000_000L + i, "unanswered " + i, world.random), new Source.Local("test"));
        var offered = world.time.now();
        world.time.runUntil(35_000);
        PeerStatus st = a.mesh().status().getFirst();
        assertEquals(7, st.unconfirmed(), st.toString());
        long behind = st.secondsBehind(world.time.now());
        assertTrue(behind >= 29 && behind <= java.time.Duration.between(offered, world.time.now()).toSeconds(), "behind " + behind + " s");
    }

    @Test
    void aFailedSyncCountsOnceKeepsItsReasonAndBacksOffFromOneSecond() {
        World world = new World(1);
        world.network.jitterMillis = 0;
        world.network.minDelayMillis = 10;
        List<Long> connects = new ArrayList<>();
        world.network.log = line -> {
            if (line.contains(" > refuser [\"NEG-OPEN\"")) connects.add(Long.parseLong(line.substring(0, line.indexOf(' '))));
        };
        FakeRelay refuser = FakeRelay.refuser();
        world.network.add(refuser);
        SimNode a = new SimNode(world, "a");
        world.network.add(a);
        a.addPeer(PeerSpec.of(refuser.url()));
        a.start();

        world.time.runUntil(100); // connected (20 ms), NEG-OPEN there and NEG-ERR back (20 ms): one failure
        PeerStatus st = a.mesh().status().getFirst();
        assertEquals(LinkState.WAITING, st.state());
        assertEquals(1, st.errors(), "one failed sync is one error: " + st);
        assertTrue(st.lastError().startsWith("sync failed: the peer ended the sync"), st.lastError());

        world.time.runUntil(60_000);
        // backoff after the n-th failure: between half and all of min(2^(n-1) s, 5 min)
        for (int i = 1; i < Math.min(connects.size(), 6); i++) {
            long gap = connects.get(i) - connects.get(i - 1) - 40; // less the connect and the sync
            long cap = 1000L << (i - 1);
            assertTrue(gap >= cap / 2 && gap <= cap, "wait after failure " + i + " was " + gap + " ms, not within [" + cap / 2 + ", " + cap + "]: " + connects);
        }
    }
}
