package mutual.engine.outbox;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether this node may connect to a relay URL taken from someone's relay list. Anyone can write a
 * list, so a list must not turn the node into a way to reach the machines beside it: addresses on
 * loopback, private, link-local and multicast networks are refused unless the operator allows
 * them ({@code outbox-private-addresses}, for a mesh on one machine or one LAN), and so are this
 * node itself and its peers, which have the event already.
 */
final class AddressGuard {
    private final boolean privateAllowed;
    private final Predicate<String> thisNodeOrPeer;

    AddressGuard(boolean privateAllowed, Predicate<String> thisNodeOrPeer) {
        this.privateAllowed = privateAllowed;
        this.thisNodeOrPeer = thisNodeOrPeer;
    }

    /** Why this node will not connect to {@code url}, or empty when it may. Resolves the host name. */
    Optional<String> problem(String url) {
        if (thisNodeOrPeer.test(url)) return Optional.of("this node or one of its peers");
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL");
        }
        if (host == null) return Optional.of("no host");
        if (privateAllowed) return Optional.empty();
        try {
            for (InetAddress a : InetAddress.getAllByName(host.replace("[", "").replace("]", ""))) {
                if (isPrivate(a)) return Optional.of(host + " is a private address (" + a.getHostAddress() + "); see outbox-private-addresses");
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + host);
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // carrier-grade NAT 100.64.0.0/10
    }
}
