package mutual.app.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;

/**
 * The query driver's client: a plain RFC 6455 client on a blocking socket that counts a
 * subscription's {@code EVENT} frames by their first bytes, without decoding or copying them.
 * A full client (Jetty's, which decodes every message into a String) took about as much of the
 * machine as the node it measured, and both share the same cores, so the figures measured the
 * driver as much as the node. One thread per instance.
 */
final class CountingSocket implements AutoCloseable {
    /** No real answer is larger; a frame that announces more is a broken node. */
    static final long MAX_FRAME = 16L << 20;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] head = new byte[64];

    private CountingSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8 << 10);
    }

    static CountingSocket connect(URI url, int timeoutMillis) throws IOException {
        return connect(url, timeoutMillis, null);
    }

    /** As {@link #connect(URI, int)} from a given local address (another 127.x address poses as another client). */
    static CountingSocket connect(URI url, int timeoutMillis, java.net.InetAddress from) throws IOException {
        if (!"ws".equals(url.getScheme())) throw new IOException("the query driver speaks plain ws://, not " + url.getScheme());
        Socket s = new Socket();
        try {
            if (from != null) s.bind(new InetSocketAddress(from, 0));
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            CountingSocket c = new CountingSocket(s);
            c.handshake(url);
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void handshake(URI url) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = readHeaders();
        if (!response.startsWith("HTTP/1.1 101")) throw new IOException("the node refused the WebSocket upgrade: " + response.lines().findFirst().orElse(""));
        String expected = accept(key);
        boolean accepted = response.lines().anyMatch(l -> l.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)
                && l.substring(21).trim().equals(expected));
        if (!accepted) throw new IOException("the node's Sec-WebSocket-Accept does not answer our key");
    }

    private String readHeaders() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("the connection closed during the WebSocket upgrade");
            if (sb.length() > 16 << 10) throw new IOException("the upgrade response is over 16 KiB");
            sb.append((char) b);
        }
        return sb.toString();
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the REQ, counts the {@code EVENT}s for {@code subId} until its {@code EOSE}, then sends
     * the CLOSE. A {@code CLOSED} for it, a close frame or a broken frame is an IOException.
     */
    int queryCount(String subId, List<Filter> filters) throws IOException {
        sendText(ClientWire.encode(new ClientMessage.Req(subId, filters)));
        int count = countUntilEose(subId);
        sendText(ClientWire.encode(new ClientMessage.Close(subId)));
        return count;
    }

    /**
     * Sends the REQ and reads up to its EOSE, then reads nothing more: a client that stopped
     * reading, whose subscription stays open.
     */
    void subscribeAndStall(String subId, List<Filter> filters) throws IOException {
        sendText(ClientWire.encode(new ClientMessage.Req(subId, filters)));
        countUntilEose(subId);
    }

    /**
     * Reads the node's first frame: an admitted connection gets its NIP-42 challenge first, a
     * refused one a close frame. Returns the close code and reason of a refusal, else empty.
     */
    java.util.Optional<String> refusal() throws IOException {
        int first = in.read(), second = in.read();
        if (first < 0 || second < 0) return java.util.Optional.of("closed without a close frame");
        long length = second & 0x7F;
        if (length == 126) length = (readByte() << 8) | readByte();
        else if (length == 127) for (int i = 0; i < 8; i++) length = (length << 8) | readByte();
        byte[] payload = in.readNBytes((int) Math.min(length, 1 << 16));
        if ((first & 0x0F) != 0x8) return java.util.Optional.empty();
        int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        return java.util.Optional.of(code + " " + new String(payload, Math.min(2, payload.length), Math.max(0, payload.length - 2), StandardCharsets.UTF_8));
    }

    /** Counts the {@code EVENT}s for {@code subId} until its {@code EOSE}; a CLOSED or close frame is an IOException. */
    private int countUntilEose(String subId) throws IOException {
        byte[] event = prefix("EVENT", subId), eose = prefix("EOSE", subId), closed = prefix("CLOSED", subId);
        int count = 0;
        while (true) {
            int first = in.read(), second = in.read();
            if (first < 0 || second < 0) throw new IOException("the node closed the connection during a query");
            int opcode = first & 0x0F;
            if ((second & 0x80) != 0) throw new IOException("the node sent a masked frame");
            long length = second & 0x7F;
            if (length == 126) length = (readByte() << 8) | readByte();
            else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) length = (length << 8) | readByte();
            }
            if (length < 0 || length > MAX_FRAME) throw new IOException("the node announced a frame of " + length + " bytes");
            int seen = (int) Math.min(length, head.length);
            in.readNBytes(head, 0, seen);
            in.skipNBytes(length - seen);
            switch (opcode) {
                case 0x1 -> {
                    if (startsWith(head, seen, event)) count++;
                    else if (startsWith(head, seen, eose)) {
                        return count;
                    } else if (startsWith(head, seen, closed))
                        throw new IOException("the node closed the query: " + new String(head, 0, seen, StandardCharsets.UTF_8));
                }
                case 0x9 -> sendFrame(0xA, Arrays.copyOf(head, seen)); // ping: answer with its payload
                case 0x8 -> throw new IOException("the node closed the connection during a query");
                default -> { } // continuation of a long NOTICE, or a pong
            }
        }
    }

    private static byte[] prefix(String verb, String subId) {
        return ("[\"" + verb + "\",\"" + subId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] b, int n, byte[] p) {
        if (n < p.length) return false;
        for (int i = 0; i < p.length; i++) if (b[i] != p[i]) return false;
        return true;
    }

    private long readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new IOException("the node closed the connection inside a frame header");
        return b;
    }

    private void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One final frame, masked as a client must. */
    private void sendFrame(int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        int n = payload.length;
        if (n < 126) out.write(0x80 | n);
        else if (n <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) out.write((int) ((long) n >>> (8 * i)));
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(mask);
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        out.write(masked);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
