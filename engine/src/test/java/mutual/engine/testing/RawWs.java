package mutual.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A WebSocket client written on a bare socket, for what polite clients cannot do: announce a
 * gigantic frame, or stop reading altogether.
 */
public final class RawWs implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWs(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
    }

    public static RawWs connect(int port) throws IOException {
        return new RawWs(port, 0);
    }

    /** A client with a tiny receive buffer, for slow-reader tests. */
    public static RawWs connectWithReceiveBuffer(int port, int bytes) throws IOException {
        return new RawWs(port, bytes);
    }

    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        writeHeader(0x81, payload.length);
        out.write(new byte[4]); // mask key 0: payload goes as is
        out.write(payload);
        out.flush();
    }

    /** The header of a text frame claiming {@code length} bytes, then only its first 16 bytes. */
    public void announceFrame(long length) throws IOException {
        writeHeader(0x81, length);
        out.write(new byte[4]);
        out.write("[\"EVENT\",\"xxxxxx".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes up to {@code bytes} more payload bytes, stopping quietly when the server has closed. */
    public void streamPayload(int bytes) {
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try {
            for (int sent = 0; sent < bytes; sent += chunk.length) out.write(chunk);
            out.flush();
        } catch (IOException e) {
            // the server closed the connection: what the caller expects
        }
    }

    private void writeHeader(int first, long length) throws IOException {
        out.write(first);
        if (length < 126) out.write(0x80 | (int) length);
        else if (length < 65536) {
            out.write(0x80 | 126);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) out.write((int) (length >> (8 * i)));
        }
    }

    /** Reads frames until a close frame; its status code, or empty if none came in time. */
    public Optional<Integer> closeCode(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) return Optional.empty();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) len = in.readUnsignedShort();
                else if (len == 127) len = in.readLong();
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                if ((b0 & 0x0f) == 0x8) return Optional.of(len >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
            }
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) break;
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
