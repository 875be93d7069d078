package mutual.engine.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live index: one event is checked only against subscriptions that could want it. */
class FanoutTest {
    @TempDir
    Path dir;
    SessionHarness h;
    final SecretKey alice = Keys.key(71);

    @BeforeEach
    void start() {
        h = new SessionHarness(dir, SessionHarness.unlimited());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static long eventsFor(SessionHarness.Connection c, String sub) {
        return c.sent().stream().filter(s -> s.startsWith("[\"EVENT\",\"" + sub + "\"")).count();
    }

    @Test
    void anEventIsCheckedOnlyAgainstFiltersIndexedUnderItsKeys() {
        List<SessionHarness.Connection> conns = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            SessionHarness.Connection conn = h.open();
            conns.add(conn);
            for (int s = 0; s < 100; s++) conn.session().onText("[\"REQ\",\"k" + s + "\",{\"kinds\":[" + (2000 + c * 100 + s) + "]}]");
        }
        SessionHarness.Connection tags = h.open();
        tags.session().onText("[\"REQ\",\"t\",{\"kinds\":[1],\"#t\":[\"bikes\"]}]");
        tags.session().onText("[\"REQ\",\"other\",{\"#t\":[\"food\"]}]");
        SessionHarness.Connection all = h.open();
        all.session().onText("[\"REQ\",\"all\",{\"since\":0}]");
        assertEquals(1003, h.relay.fanout().size());

        long before = h.relay.fanout().confirmations();
        h.relay.fanout().publish(Keys.event(alice, 2234, h.clock.seconds(), "x"));
        assertEquals(2, h.relay.fanout().confirmations() - before, "the kind-2234 filter and the match-all filter");
        assertEquals(1, eventsFor(conns.get(2), "k34"));
        assertEquals(1, eventsFor(all, "all"));

        before = h.relay.fanout().confirmations();
        h.relay.fanout().publish(Keys.note(alice, h.clock.seconds(), "bike", Tag.of("t", "bikes")));
        assertEquals(2, h.relay.fanout().confirmations() - before, "the #t=bikes filter and the match-all filter");
        assertEquals(1, eventsFor(tags, "t"));
        assertEquals(0, eventsFor(tags, "other"));
    }

    @Test
    void anEventMatchingSeveralFiltersOfOneSubscriptionIsSentOnce() {
        SessionHarness.Connection c = h.open();
        c.session().onText("[\"REQ\",\"s\",{\"kinds\":[1]},{\"authors\":[\"" + alice.publicKey().hex() + "\"]},{\"#t\":[\"x\"]}]");
        h.relay.fanout().publish(Keys.note(alice, h.clock.seconds(), "x", Tag.of("t", "x")));
        assertEquals(1, eventsFor(c, "s"));
    }

    @Test
    void closingAConnectionRemovesItsSubscriptionsFromTheIndex() {
        SessionHarness.Connection c = h.open();
        c.session().onText("[\"REQ\",\"a\",{\"kinds\":[1]}]");
        c.session().onText("[\"REQ\",\"b\",{}]");
        assertEquals(2, h.relay.fanout().size());
        c.session().onClose();
        assertEquals(0, h.relay.fanout().size());
        long before = h.relay.fanout().confirmations();
        h.relay.fanout().publish(Keys.note(alice, h.clock.seconds(), "x"));
        assertEquals(0, h.relay.fanout().confirmations() - before);
    }

    @Test
    void eventsThatArriveWhileTheStoredAnswerIsSentFollowEose() {
        SessionHarness.Connection c = h.open();
        Event e = Keys.note(alice, h.clock.seconds(), "x");
        c.session().onText("[\"REQ\",\"s\",{\"kinds\":[1]}]");
        h.relay.fanout().publish(e);
        List<String> sent = c.sent();
        int eose = sent.indexOf("[\"EOSE\",\"s\"]");
        assertTrue(eose > 0);
        assertTrue(sent.get(sent.size() - 1).contains(e.id().hex()));
    }
}
