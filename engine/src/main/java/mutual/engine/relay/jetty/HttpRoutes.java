package mutual.engine.relay.jetty;

import java.util.Optional;
import java.util.function.Supplier;
import mutual.engine.relay.RelayInfo;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plain HTTP on the relay's port: the NIP-11 document on {@code /} for clients that ask for
 * {@code application/nostr+json} (with the CORS headers NIP-11 requires), {@code /healthz} and
 * {@code /metrics}. Other paths go to routes the app registers; {@code /} itself falls back to an
 * app handler when one is registered for it (the web UI), else to a short text page.
 */
final class HttpRoutes {
    private HttpRoutes() {}

    static final String NOSTR_JSON = "application/nostr+json";

    /** The root: NIP-11 when asked for, CORS preflight, else the fallback. */
    static Handler root(Supplier<RelayInfo> info, Optional<Handler> fallback) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath(); // no ContextHandler: the whole path
                String accept = Optional.ofNullable(request.getHeaders().get(HttpHeader.ACCEPT)).orElse("");
                boolean atRoot = path.equals("/") || path.isEmpty();
                if (atRoot && HttpMethod.OPTIONS.is(request.getMethod())) {
                    cors(response);
                    response.setStatus(HttpStatus.NO_CONTENT_204);
                    callback.succeeded();
                    return true;
                }
                if (atRoot && accept.contains(NOSTR_JSON)) {
                    cors(response);
                    write(response, callback, HttpStatus.OK_200, NOSTR_JSON, info.get().toJson());
                    return true;
                }
                if (fallback.isPresent()) return fallback.get().handle(request, response, callback);
                if (!atRoot) {
                    write(response, callback, HttpStatus.NOT_FOUND_404, "text/plain; charset=utf-8", "not found\n");
                    return true;
                }
                write(response, callback, HttpStatus.OK_200, "text/plain; charset=utf-8",
                        "This is a Mutual node, a Nostr relay. Connect with a Nostr client over WebSocket at this address.\n");
                return true;
            }
        };
    }

    /** A handler that answers every request with what {@code body} returns (health, metrics). */
    static Handler text(String contentType, Supplier<HttpReply> body) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                HttpReply r = body.get();
                write(response, callback, r.status(), contentType, r.body());
                return true;
            }
        };
    }

    static void cors(Response response) {
        response.getHeaders().put("Access-Control-Allow-Origin", "*");
        response.getHeaders().put("Access-Control-Allow-Headers", "*");
        response.getHeaders().put("Access-Control-Allow-Methods", "GET, OPTIONS");
    }

    static void write(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        Content.Sink.write(response, true, body, callback);
    }
}
