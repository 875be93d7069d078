package mutual.engine.relay;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which address a connection counts as, for the limits that apply per address. Behind a reverse
 * proxy (nginx, Caddy, a tunnel) every connection comes from the proxy, so the client's own
 * address is read from a header the proxy sets ({@code X-Forwarded-For}, {@code X-Real-IP}), but
 * only when the connection comes from a trusted proxy: from anywhere else the header is ignored,
 * or a client could name any address it liked and slip out of its limits.
 *
 * <p>In {@code X-Forwarded-For} each proxy appends the address it saw, so the list is read from
 * the right, past every trusted proxy, and the first address that is not one is the client.
 */
public final class ClientAddress {
    private final Optional<String> header;
    private final List<Cidr> trusted;

    private ClientAddress(Optional<String> header, List<Cidr> trusted) {
        this.header = header;
        this.trusted = List.copyOf(trusted);
    }

    /** The connection's own address counts, whatever headers say. */
    public static ClientAddress direct() {
        return new ClientAddress(Optional.empty(), List.of());
    }

    /**
     * @param header  the header to read (empty: none)
     * @param proxies addresses or CIDR ranges, separated by commas or spaces, whose header is believed
     * @throws IllegalArgumentException naming the entry that is not an address or range
     */
    public static ClientAddress of(String header, String proxies) {
        List<Cidr> ranges = new ArrayList<>();
        for (String p : proxies.split("[,\\s]+")) if (!p.isBlank()) ranges.add(Cidr.parse(p.trim()));
        return new ClientAddress(header.isBlank() ? Optional.empty() : Optional.of(header.trim()), ranges);
    }

    public Optional<String> header() {
        return header;
    }

    /**
     * @param remote      the address the connection came from
     * @param headerValue the header's value(s) on the request, comma-joined; empty when absent
     */
    public String resolve(String remote, Optional<String> headerValue) {
        if (header.isEmpty() || headerValue.isEmpty() || !isTrusted(remote)) return remote;
        String[] hops = headerValue.get().split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = clean(hops[i]);
            if (hop.isEmpty() || Cidr.address(hop).isEmpty()) return remote; // not an address: not believed
            if (i == 0 || !isTrusted(hop)) return hop;
        }
        return remote;
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> a = Cidr.address(clean(address));
        return a.isPresent() && trusted.stream().anyMatch(c -> c.contains(a.get()));
    }

    /** Strips brackets and a port the way proxies write them: {@code [::1]:443}, {@code 1.2.3.4:5678}. */
    private static String clean(String hop) {
        String h = hop.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        if (h.chars().filter(c -> c == ':').count() == 1) h = h.substring(0, h.indexOf(':'));
        return h;
    }

    /** An address range: an address and how many leading bits must match. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addr = slash < 0 ? text : text.substring(0, slash);
            byte[] a = address(addr).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range"));
            int bits = a.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > a.length * 8)
                    throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + a.length * 8);
            }
            return new Cidr(a, bits);
        }

        boolean contains(byte[] a) {
            if (a.length != network.length) return false;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - bits);
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        /** The bytes of an IP literal (never a name: nothing here looks anything up). */
        static Optional<byte[]> address(String text) {
            String t = text.toLowerCase(Locale.ROOT);
            boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean v6 = t.contains(":") && t.matches("[0-9a-f:.]+");
            if (!v4 && !v6) return Optional.empty();
            try {
                byte[] b = InetAddress.getByName(t).getAddress();
                // An IPv4-mapped IPv6 address counts as the IPv4 address it carries.
                if (b.length == 16 && isV4Mapped(b)) b = java.util.Arrays.copyOfRange(b, 12, 16);
                return Optional.of(b);
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }

        private static boolean isV4Mapped(byte[] b) {
            for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
            return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        }
    }
}
