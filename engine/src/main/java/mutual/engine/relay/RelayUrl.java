package mutual.engine.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * This relay's public URL, compared the way NIP-42 suggests: by host and port (defaulted from
 * the scheme), ignoring path, case and a trailing slash. NIP-62 vanish requests use it too.
 * Other names the same node answers to ({@link #withAliases}: loopback names, its interfaces'
 * addresses) match as well, so that a client that connected as {@code ws://localhost:7447}
 * can authenticate with that URL.
 */
public record RelayUrl(String url, String host, int port, Set<String> aliases) {

    public RelayUrl {
        aliases = Set.copyOf(aliases);
    }

    /** Hosts and ports ({@code "localhost:7447"}, {@code "[::1]:7447"}) that also name this relay. */
    public RelayUrl withAliases(Collection<String> hostPorts) {
        Set<String> all = new HashSet<>(aliases);
        for (String hp : hostPorts) all.add(hp.toLowerCase(Locale.ROOT));
        return new RelayUrl(url, host, port, all);
    }

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
            return Optional.of(new RelayUrl(url, u.getHost().toLowerCase(Locale.ROOT), port, Set.of()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code other} (from an event's tag) names this relay. */
    public boolean matches(String other) {
        return tryParse(other).map(o -> o.host.equals(host) && o.port == port || aliases.contains(o.host + ":" + o.port)).orElse(false);
    }

    @Override
    public String toString() {
        return url;
    }
}
