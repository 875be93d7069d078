package mutual.protocol.relays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import org.junit.jupiter.api.Test;

class RelayListTest {
    private static final SecretKey KEY = SecretKey.fromHex("0000000000000000000000000000000000000000000000000000000000000003").orElseThrow();

    @Test
    void nip65MarkersSplitReadingFromWriting() {
        Event e = EventBuilder.create(RelayList.OUTBOX, 1_700_000_000)
                .tag("r", "wss://both.example").tag("r", "wss://in.example", "read").tag("r", "wss://out.example", "write")
                .tag("r", "https://not-a-relay.example").tag("r", "wss://user@host.example").tag("r", "wss://" + "x".repeat(300))
                .sign(KEY);
        RelayList l = RelayList.of(e).orElseThrow();
        assertEquals(List.of("wss://both.example", "wss://in.example"), l.read());
        assertEquals(List.of("wss://both.example", "wss://out.example"), l.write());
        assertEquals(List.of("wss://both.example", "wss://in.example", "wss://out.example"), l.all());
    }

    @Test
    void aDmListIsReadAndWriteAlikeAndCapped() {
        EventBuilder b = EventBuilder.create(RelayList.DM_INBOX, 1_700_000_000);
        for (int i = 0; i < 50; i++) b.tag("relay", "wss://r" + i + ".example");
        RelayList l = RelayList.of(b.sign(KEY)).orElseThrow();
        assertEquals(RelayList.MAX_URLS, l.read().size());
        assertEquals(l.read(), l.write());
        assertTrue(RelayList.of(EventBuilder.create(1, 1).sign(KEY)).isEmpty());
        for (String ok : List.of("ws://127.0.0.1:7447/", "wss://relay.example.org", "ws://[::1]:7447/", "wss://relay.example/path?x=1"))
            assertEquals(java.util.Optional.of(ok), RelayList.cleanUrl(ok), ok);
        for (String bad : List.of("ws://", "ws://user@host/", "http://relay.example", "ws://host:port/", "ws://-bad-.example/", "ws://a b/"))
            assertTrue(RelayList.cleanUrl(bad).isEmpty(), bad);
    }
}
