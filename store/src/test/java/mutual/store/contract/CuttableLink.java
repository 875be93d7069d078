package mutual.store.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP link on loopback to a server, which a test can cut the way a network fails: silently.
 * While cut, it takes what either side sends and delivers nothing, and holds new connections
 * without answering them, as a dropped route or a firewall that forgets its state does (no reset
 * that would tell the client at once). Mended, it drops the connections it held (their bytes are
 * lost, so they can never be used again) and forwards new ones.
 */
public final class CuttableLink implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Connections accepted while cut, never forwarded. */
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public CuttableLink(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("link-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** A link to the server of {@code postgresUrl}, a postgresql:// URL. */
    public static CuttableLink toServerOf(String postgresUrl) throws IOException {
        java.net.URI u = uri(postgresUrl);
        return new CuttableLink(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort());
    }

    /** {@code postgresUrl} with this link in place of its server. */
    public String through(String postgresUrl) {
        java.net.URI u = uri(postgresUrl);
        return postgresUrl.replaceFirst(java.util.regex.Pattern.quote(u.getRawAuthority()), java.util.regex.Matcher.quoteReplacement(
                (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@") + "127.0.0.1:" + port()));
    }

    /** A postgresql:// URL as a URI that parses its authority (user, password, host, port). */
    private static java.net.URI uri(String postgresUrl) {
        return java.net.URI.create(postgresUrl.replaceFirst("^postgres(ql)?:", "http:"));
    }

    /** From now on nothing gets through, in either direction, and nobody is told. */
    public void cut() {
        cut = true;
    }

    /**
     * Forwards again over the connections it had, as a route that comes back does: what was sent
     * meanwhile stays lost, so a side that waits for an answer to it waits on. Connections accepted
     * while cut, never forwarded, are closed.
     */
    public void resume() {
        cut = false;
        for (Socket s : held) {
            closeQuietly(s);
            held.remove(s);
            open.remove(s);
        }
    }

    /** Forwards again, to new connections; those it had, and those held meanwhile, are closed. */
    public void mend() {
        held.clear();
        cut = false;
        for (Socket s : open) {
            closeQuietly(s);
            open.remove(s);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                if (cut) { // held: never answered until mended
                    held.add(client);
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(target.getAddress(), target.getPort());
                } catch (IOException refused) {
                    open.remove(client);
                    closeQuietly(client);
                    continue;
                }
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // the listener closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("link-pump").start(() -> {
            byte[] buffer = new byte[16 << 10];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (cut) continue; // taken and lost
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) closeQuietly(s);
    }
}
