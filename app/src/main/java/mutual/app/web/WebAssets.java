package mutual.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web interface's files, served from the jar (built from {@code web/} into {@code web/dist},
 * which Maven packages under {@code web/}; docs/web.md). {@code /} is {@code index.html}, never
 * cached, so a new build is seen at once; {@code /assets/*} have content hashes in their names and
 * are cached for a year as immutable. A precompressed {@code .gz} twin is sent to browsers that
 * accept gzip. A node built without npm has no such files and answers {@code /} with a short page
 * saying how to get the interface; everything else still works.
 */
public final class WebAssets extends Handler.Abstract {
    private static final Pattern ASSET = Pattern.compile("/assets/[A-Za-z0-9._-]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "json", "application/json; charset=utf-8",
            "webmanifest", "application/manifest+json", "ico", "image/x-icon");
    /** The page runs only its own scripts and talks only to its node (and to a NIP-46 signer's relays). */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
    static final String ABSENT = """
            <!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Mutual node</title><main style="font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em">
            <h1>This is a Mutual node</h1><p>It works: Nostr clients can connect to this address over WebSocket, and its API answers under /api/.</p>
            <p>Its web interface was not built: Node.js and npm were missing (or could not fetch its packages) when the node was built.
            Install them (for example <code>sudo apt-get install nodejs npm</code>) and run <code>./mutual serve</code> again: the launcher builds the interface.</p></main>
            """;

    private final ClassLoader loader = WebAssets.class.getClassLoader();
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();
    private final String root;

    private WebAssets(String root) {
        this.root = root;
    }

    /** The interface built into this jar, under {@code web/}. */
    public static WebAssets create() {
        return new WebAssets("web/");
    }

    /** The files under another folder of the class path (a test's way to serve a build without them). */
    static WebAssets from(String root) {
        return new WebAssets(root);
    }

    /** Whether this build holds the interface (else {@code /} is the short page above). */
    public boolean built() {
        return file("index.html").isPresent();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) return plain(response, callback, 405, "only GET is served here\n");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (path.equals("/") || path.equals("/index.html")) {
            Optional<byte[]> index = file("index.html");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            if (index.isEmpty()) return send(response, callback, TYPES.get("html"), ABSENT.getBytes(java.nio.charset.StandardCharsets.UTF_8), head);
            response.getHeaders().put("Content-Security-Policy", CSP);
            return compressed(request, response, callback, "index.html", index.get(), head);
        }
        if (ASSET.matcher(path).matches()) {
            String name = path.substring(1);
            Optional<byte[]> body = file(name);
            if (body.isPresent()) {
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");
                return compressed(request, response, callback, name, body.get(), head);
            }
        }
        return plain(response, callback, 404, "not found\n");
    }

    private boolean compressed(Request request, Response response, Callback callback, String name, byte[] body, boolean head) {
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
        response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        String accept = Optional.ofNullable(request.getHeaders().get(HttpHeader.ACCEPT_ENCODING)).orElse("");
        Optional<byte[]> gz = accept.contains("gzip") ? file(name + ".gz") : Optional.empty();
        if (gz.isPresent()) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            return send(response, callback, type, gz.get(), head);
        }
        return send(response, callback, type, body, head);
    }

    private static boolean send(Response response, Callback callback, String type, byte[] body, boolean head) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean plain(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** A file of the built interface, read once from the jar. */
    private Optional<byte[]> file(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = loader.getResourceAsStream(root + n)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
