package mutual.engine.mesh;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterJson;

/**
 * One peer as configured: its WebSocket URL, which events to exchange and in which direction,
 * and whether the link offers permessage-deflate ({@code compress}, the default: it halves the
 * bytes of a sync, at some CPU on both sides; a fast local network may do better without).
 * The filter's {@code limit} and {@code search} do not apply to replication and are refused.
 */
public record PeerSpec(String url, Filter filter, Direction direction, boolean compress) {
    public PeerSpec {
        url = checkUrl(url);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(direction, "direction");
        if (filter.limit().isPresent() || filter.search().isPresent())
            throw new IllegalArgumentException("a peer filter cannot have limit or search: replication exchanges every matching event");
    }

    /** A compressed link. */
    public PeerSpec(String url, Filter filter, Direction direction) {
        this(url, filter, direction, true);
    }

    public PeerSpec withCompression(boolean on) {
        return new PeerSpec(url, filter, direction, on);
    }

    /** Every event, both ways: the default. */
    public static PeerSpec of(String url) {
        return new PeerSpec(url, Filter.builder().build(), Direction.BOTH);
    }

    public String filterJson() {
        return FilterJson.write(filter);
    }

    /** A ws:// or wss:// URL with a host, normalized to end in "/" when it has no path. */
    public static String checkUrl(String url) {
        Objects.requireNonNull(url, "url");
        URI u;
        try {
            u = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || u.getHost() == null)
            throw new IllegalArgumentException("a peer is a ws:// or wss:// URL with a host, not '" + url + "'");
        String s = u.toString();
        return u.getPath() == null || u.getPath().isEmpty() ? s + "/" : s;
    }
}
