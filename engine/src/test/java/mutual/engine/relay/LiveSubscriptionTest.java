package mutual.engine.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import mutual.engine.testing.Keys;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A REQ's live part around its stored answer. */
class LiveSubscriptionTest {
    @TempDir
    Path dir;

    @Test
    void anEventOfTheStoredAnswerThatTheNotifierDeliversAfterEoseIsNotSentAgain() {
        try (SessionHarness h = new SessionHarness(dir, SessionHarness.unlimited())) {
            SessionHarness.Connection c = h.open();
            LiveSubscription sub = new LiveSubscription(c.session(), "s", List.of(Filter.builder().kinds(Set.of(1)).build()), Viewer.anonymous(), 10);
            Event answered = Keys.note(Keys.key(1), h.clock.seconds(), "acknowledged just before the REQ");
            Event fresh = Keys.note(Keys.key(1), h.clock.seconds(), "new");
            long[] notified = {4};
            sub.goLive(Set.of(answered.id()), 5, () -> notified[0]);
            sub.offer(answered, () -> Outbox.Json.of(answered.toJson())); // its batch (5) is being notified: 4 is the last done
            sub.offer(fresh, () -> Outbox.Json.of(fresh.toJson()));
            notified[0] = 5;
            sub.offer(answered, () -> Outbox.Json.of(answered.toJson())); // only a new submission could bring it now, and it is sent
            List<String> events = c.sent().stream().filter(f -> f.startsWith("[\"EVENT\"")).toList();
            assertEquals(2, events.size(), events.toString());
            assertEquals(true, events.get(0).contains(fresh.id().hex()));
            assertEquals(true, events.get(1).contains(answered.id().hex()));
        }
    }
}
