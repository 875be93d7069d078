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
        try {
            URI u = URI.create(relayUrl);
            if (!"ws".equals(u.getScheme()) && !"wss".equals(u.getScheme())) throw new IllegalArgumentException("not ws:// or wss://");
            return new NodeLink(u);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--node must be a ws:// or wss:// URL, got '" + relayUrl + "'");
        }
    }

    String relayUrl() {
        return relay.toString();
    }

    /** Publishes and waits for the node's OK; a refusal is an error with the node's reason. */
    void publish(Event e) {
        try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(10))) {
            RelayMessage.Ok ok = c.publish(e).get(30, TimeUnit.SECONDS);
            if (!ok.accepted()) throw new CliException(ExitCodes.INVALID, "the node refused the event: " + ok.message());
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            throw new CliException(ExitCodes.IO, "cannot publish to " + relay + ": " + x.getMessage());
        }
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
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot reach " + u + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.IO, "interrupted");
        }
    }

    static String pathPart(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }
}
