package mutual.engine.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress behindNginx = ClientAddress.of("X-Forwarded-For", "127.0.0.1/8, ::1, 10.0.0.0/8");

    @Test
    void theConnectionsOwnAddressCountsWhenNoHeaderIsConfigured() {
        assertEquals("127.0.0.1", ClientAddress.direct().resolve("127.0.0.1", Optional.of("203.0.113.9")));
    }

    @Test
    void aTrustedProxysHeaderGivesTheClient() {
        assertEquals("203.0.113.9", behindNginx.resolve("127.0.0.1", Optional.of("203.0.113.9")));
        assertEquals("203.0.113.9", behindNginx.resolve("::1", Optional.of("203.0.113.9")));
    }

    @Test
    void theListIsReadFromTheRightPastEveryTrustedProxy() {
        // The client claimed 1.2.3.4 itself; our own proxies saw 203.0.113.9 and 10.1.2.3.
        assertEquals("203.0.113.9", behindNginx.resolve("127.0.0.1", Optional.of("1.2.3.4, 203.0.113.9, 10.1.2.3")));
        assertEquals("10.9.9.9", behindNginx.resolve("127.0.0.1", Optional.of("10.9.9.9,10.1.2.3")), "all trusted: the leftmost");
    }

    @Test
    void anUntrustedConnectionsHeaderIsIgnored() {
        assertEquals("198.51.100.1", behindNginx.resolve("198.51.100.1", Optional.of("203.0.113.9")));
    }

    @Test
    void aHeaderThatIsNotAnAddressIsIgnored() {
        assertEquals("127.0.0.1", behindNginx.resolve("127.0.0.1", Optional.of("unknown")));
        assertEquals("127.0.0.1", behindNginx.resolve("127.0.0.1", Optional.empty()));
    }

    @Test
    void portsAndBracketsAreStripped() {
        assertEquals("2001:db8::1", behindNginx.resolve("127.0.0.1", Optional.of("[2001:db8::1]:443")));
        assertEquals("203.0.113.9", behindNginx.resolve("127.0.0.1", Optional.of("203.0.113.9:5678")));
    }

    @Test
    void aBadRangeIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientAddress.of("X-Real-IP", "10.0.0.0/8, nginx.local"));
        assertTrue(e.getMessage().contains("nginx.local"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.of("X-Real-IP", "10.0.0.0/33"));
    }
}
