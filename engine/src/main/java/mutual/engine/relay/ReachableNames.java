package mutual.engine.relay;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The host:port names a node bound to an address answers to, for NIP-42 AUTH and NIP-62: a node
 * on a loopback address is also {@code localhost}, {@code 127.0.0.1} and {@code [::1]}; a node on
 * every interface ({@code 0.0.0.0}, {@code ::}) is also each interface's address. A name taken
 * from the connection's Host header is not trusted: another relay could then replay, here, the
 * AUTH events its own clients signed for it.
 */
public final class ReachableNames {
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private ReachableNames() {}

    public static List<String> of(String bindAddress, int port) {
        List<String> names = new ArrayList<>();
        String bind = bindAddress.trim().toLowerCase(Locale.ROOT);
        boolean everywhere = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
        if (everywhere || isLoopback(bind)) for (String n : LOOPBACK) names.add(n + ":" + port);
        if (everywhere) {
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces()))
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) names.add(hostOf(a) + ":" + port);
            } catch (SocketException | NullPointerException e) {
                // no interfaces to list: the loopback names and the configured URL still match
            }
        }
        return names;
    }

    private static boolean isLoopback(String bind) {
        if (bind.equals("localhost")) return true;
        if (!bind.matches("[0-9.]+|\\[?[0-9a-f:]+]?")) return false; // a literal only: no name lookups here
        try {
            return InetAddress.getByName(bind.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostOf(InetAddress a) {
        String h = a.getHostAddress();
        int zone = h.indexOf('%');
        if (zone >= 0) h = h.substring(0, zone);
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
