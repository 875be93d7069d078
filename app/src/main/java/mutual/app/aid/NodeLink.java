package mutual.app.aid;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.client.RelayClient;
import mutual.protocol.event.Event;
import mutual.protocol.wire.RelayMessage;

/** How the aid commands reach a node: its relay (WebSocket) to publish, its HTTP API to read. */
final class NodeLink {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI relay;

    private NodeLink(URI relay) {
        this.relay = relay;
    }

    static NodeLink of(String relayUrl) {
        return of(relayUrl, "--node");
    }

    /** {@code what}: how the person gave the URL, for the error ("--node", "--to"). */
    static NodeLink of(String relayUrl, String what) {
        try {
            URI u = URI.create(relayUrl);
            if (!"ws".equals(u.getScheme()) && !"wss".equals(u.getScheme())) throw new IllegalArgumentException("not ws:// or wss://");
            if (u.getHost() == null) throw new IllegalArgumentException("no host");
            return new NodeLink(u);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, what + " must be a ws:// or wss:// URL, got '" + relayUrl + "'");
        }
    }

    String relayUrl() {
        return relay.toString();
    }

    /** Publishes and waits for the node's OK; a refusal is an error with the node's reason. */
    void publish(Event e) {
        try (RelayClient c = connect()) {
            RelayMessage.Ok ok = c.publish(e).get(30, TimeUnit.SECONDS);
            if (!ok.accepted()) throw new CliException(ExitCodes.INVALID, "the node refused the event: " + ok.message());
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            throw new CliException(ExitCodes.IO, "cannot publish to " + relay + ": " + reason(x));
        }
    }

    /** A connection to the node's relay; no answer at all is said in words, with how to start a node. */
    /** The events the relay answers to one filter; {@code what} names them in an error ("the guide"). */
    java.util.List<Event> query(String what, mutual.protocol.filter.Filter f) {
        try (RelayClient c = connect()) {
            return c.query("q", java.util.List.of(f)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (mutual.app.cli.CliException x) {
            throw x;
        } catch (Exception x) {
            throw new mutual.app.cli.CliException(mutual.app.cli.ExitCodes.IO, "cannot read " + what + " from " + relayUrl() + ": " + reason(x));
        }
    }

    RelayClient connect() {
        try {
            return RelayClient.connect(relay, Duration.ofSeconds(10));
        } catch (RuntimeException x) {
            throw unreachable(reason(x));
        }
    }

    private CliException unreachable(String why) {
        return new CliException(ExitCodes.IO, "no node answers at " + relay + " (" + why + "); start one with: mutual serve"
                + " (in another terminal), or name a running one with --node URL or MUTUAL_RELAY");
    }

    /** The innermost cause's message, or its kind when it has none (a refused connection has no message). */
    static String reason(Throwable x) {
        Throwable t = x;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (t instanceof java.net.ConnectException) return "connection refused";
        if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) return "unknown host";
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** GETs an API path; returns the JSON body, or fails with the API's error message. */
    String get(String path, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String scheme = relay.getScheme().equals("wss") ? "https" : "http";
        URI u = URI.create(scheme + "://" + relay.getRawAuthority() + path + q);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) return r.body();
            String msg = Tree.parse(r.body()) instanceof Map<?, ?> m && m.get("error") instanceof String s ? s : r.body();
            throw new CliException(r.statusCode() == 404 ? ExitCodes.INVALID : ExitCodes.USAGE, msg);
        } catch (java.net.ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot reach " + u + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.IO, "interrupted");
        }
    }

    static String pathPart(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }
}
