package mutual.engine.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * This relay's public URL, compared the way NIP-42 suggests: by host and port (defaulted from
 * the scheme), ignoring path, case and a trailing slash. NIP-62 vanish requests use it too.
 */
public record RelayUrl(String url, String host, int port) {

    public static RelayUrl parse(String url) {
        return tryParse(url).orElseThrow(() -> new IllegalArgumentException(
                "relay URL must look like ws://host:port/ or wss://host/, got " + url));
    }

    public static Optional<RelayUrl> tryParse(String url) {
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getHost() == null) return Optional.empty();
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            if (port < 0) port = switch (scheme) {
                case "ws", "http" -> 80;
                case "wss", "https" -> 443;
                default -> -1;
            };
            if (port < 0) return Optional.empty();
            return Optional.of(new RelayUrl(url, u.getHost().toLowerCase(Locale.ROOT), port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code other} (from an event's tag) names this relay. */
    public boolean matches(String other) {
        return tryParse(other).map(o -> o.host.equals(host) && o.port == port).orElse(false);
    }

    @Override
    public String toString() {
        return url;
    }
}
