package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;

/** NIP-59 gift wraps (kind 1059) are served only to the pubkeys in their p tags, in REQ and COUNT alike. */
class VisibilityTest extends StoreContract {
    final Fixture fx = new Fixture(7);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();
    final SecretKey carol = fx.key();
    final SecretKey wrapper = fx.key();
    final Event toAlice = event(wrapper, 1059, NOW - 30, "c1", tag("p", alice.publicKey().hex()));
    final Event toBob = event(wrapper, 1059, NOW - 20, "c2", tag("p", bob.publicKey().hex()));
    final Event toBoth = event(wrapper, 1059, NOW - 10, "c3", tag("p", alice.publicKey().hex()), tag("p", bob.publicKey().hex()));
    final Event note = event(carol, 1, NOW - 5, "public", tag("p", alice.publicKey().hex()));

    @Test
    void eachViewerSeesOnlyTheGiftWrapsAddressedToThem() {
        try (EventStore s = store(dir)) {
            s.write(List.of(toAlice, toBob, toBoth, note));
            List<Filter> everything = List.of(filter().build());
            List<Filter> wraps = List.of(filter().kinds(1059).build());
            List<Filter> byP = List.of(filter().tag('p', alice.publicKey().hex(), bob.publicKey().hex()).build());
            Viewer a = Viewer.of(Set.of(alice.publicKey()));
            Viewer b = Viewer.of(Set.of(bob.publicKey()));
            Viewer ab = Viewer.of(Set.of(alice.publicKey(), bob.publicKey()));
            Viewer c = Viewer.of(Set.of(carol.publicKey()));
            for (List<Filter> fs : List.of(everything, wraps, byP)) {
                boolean notes = fs != wraps;
                assertEquals(notes ? List.of(note) : List.of(), s.query(fs, Viewer.anonymous(), 10));
                assertEquals(notes ? List.of(note) : List.of(), s.query(fs, c, 10));
                assertEquals(notes ? List.of(note, toBoth, toAlice) : List.of(toBoth, toAlice), s.query(fs, a, 10));
                assertEquals(notes ? List.of(note, toBoth, toBob) : List.of(toBoth, toBob), s.query(fs, b, 10));
                assertEquals(notes ? List.of(note, toBoth, toBob, toAlice) : List.of(toBoth, toBob, toAlice), s.query(fs, ab, 10));
                assertEquals(s.query(fs, Viewer.node(), 10), s.query(fs, ab, 10));
                for (Viewer v : List.of(Viewer.anonymous(), a, b, ab, c, Viewer.node()))
                    assertEquals(s.query(fs, v, 10).size(), s.count(fs, v), "count for " + v);
            }
            assertEquals(List.of(), s.query(List.of(filter().ids(toBob.id()).build()), a, 10));
            assertTrue(s.get(toBob.id()).isPresent(), "get is the node's view");
        }
    }
}
