package mutual.engine.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-wide limits across connections (issue 17): the output budget, the connection caps, answers read a page at a time. */
class CapacityTest {
    @TempDir
    Path dir;

    final SecretKey alice = Keys.key(71);
    final Source local = new Source.Local("test");

    RelayConfig config(Capacity c) {
        return SessionHarness.unlimited().withCapacity(c);
    }

    Event big(SessionHarness h, int i, int chars, String tag) {
        return Keys.note(alice, h.clock.seconds() - i, ("event " + i + " ").repeat(chars / 8), Tag.of("t", tag));
    }

    @Test
    void theSlowestReadersAreShedOnceAllTheirOutputPassesTheBudget() throws Exception {
        long budget = 1 << 20;
        try (SessionHarness h = new SessionHarness(dir, config(Capacity.defaults().withMaxPendingBytesTotal(budget)))) {
            List<Stalled> stalled = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Stalled t = new Stalled();
                h.open("192.0.2." + i, t).onText("[\"REQ\",\"s\",{\"kinds\":[1],\"limit\":0}]");
                stalled.add(t);
            }
            Recorder reader = new Recorder();
            h.open("198.51.100.1", reader).onText("[\"REQ\",\"s\",{\"kinds\":[1],\"limit\":0}]");
            for (int i = 0; i < 20; i++) {
                assertTrue(h.ingest.submit(big(h, i, 100_000, "x"), local).get(10, TimeUnit.SECONDS).accepted());
                long held = stalled.stream().filter(t -> t.closed() == null).mapToLong(Stalled::waitingBytes).sum();
                assertTrue(held <= budget + 110_000, "open slow readers hold " + held + " bytes after event " + i);
            }
            // The notifier delivers the last events on its own thread: on a busy machine that takes a while.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stalled.stream().filter(t -> t.closed() != null).count() < 3 && System.nanoTime() < deadline) Thread.sleep(20);
            while (reader.sent().stream().filter(f -> f.startsWith("[\"EVENT\"")).count() < 20 && System.nanoTime() < deadline) Thread.sleep(20);
            long shed = stalled.stream().filter(t -> t.closed() != null).count();
            assertTrue(shed >= 3, "most slow readers were shed, " + shed);
            stalled.stream().filter(t -> t.closed() != null).forEach(t -> assertTrue(
                    t.closed().startsWith("1013 too slow to read: the node's unsent output passed 1 MiB"), t.closed()));
            assertNull(reader.closed(), "a client that reads is never shed");
            assertEquals(20, reader.sent().stream().filter(f -> f.startsWith("[\"EVENT\"")).count());
        }
    }

    @Test
    void connectionsPastTheCapsAreClosedWithTheReasonAndTheirPlacesComeBack() {
        try (SessionHarness h = new SessionHarness(dir, config(Capacity.defaults().withConnections(3, 2)))) {
            Recorder a1 = new Recorder(), a2 = new Recorder(), a3 = new Recorder(), b = new Recorder(), c = new Recorder();
            ClientSession first = h.open("192.0.2.1", a1);
            h.open("192.0.2.1", a2);
            ClientSession refused = h.open("192.0.2.1", a3);
            assertEquals("1013 too many connections from your address (limit 2); close one first", a3.closed());
            refused.onText("[\"REQ\",\"s\",{}]");
            assertEquals(List.of(), a3.sent(), "a refused connection handles nothing");
            refused.onClose();
            h.open("192.0.2.2", b);
            assertNull(b.closed());
            h.open("192.0.2.3", c);
            assertEquals("1013 this node is at its limit of 3 connections; try again later", c.closed());
            first.onClose();
            Recorder again = new Recorder();
            h.open("192.0.2.3", again);
            assertNull(again.closed(), "a closed connection's place is free again");
        }
    }

    @Test
    void aLargeAnswerIsReadFromTheStoreAPageAtATimeAsTheClientReads() throws Exception {
        int window = 64 << 10;
        try (SessionHarness h = new SessionHarness(dir, config(new Capacity(64L << 20, 100, 10, window, 8L << 20)))) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.add(big(h, i, 20_000, "big"));
                assertTrue(h.ingest.submit(events.get(i), local).get(10, TimeUnit.SECONDS).accepted());
            }
            Stalled t = new Stalled();
            h.open("192.0.2.1", t).onText("[\"REQ\",\"b\",{\"#t\":[\"big\"],\"limit\":500}]");
            long most = 0;
            for (int round = 0; round < 1000 && t.read().stream().noneMatch(f -> f.startsWith("[\"EOSE\"")); round++) {
                most = Math.max(most, t.waitingBytes());
                t.drain();
                Thread.sleep(1); // the answer goes on on another thread
            }
            assertTrue(most <= window + window / 2 + 25_000, "at most a window and a page waited at once: " + most);
            List<String> got = t.read().stream().filter(f -> f.startsWith("[\"EVENT\",\"b\"")).toList();
            assertEquals(60, got.size());
            for (int i = 0; i < 60; i++) assertTrue(got.get(i).contains(events.get(i).id().hex()), "newest first, event " + i);
        }
    }
}
