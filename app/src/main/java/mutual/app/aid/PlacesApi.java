package mutual.app.aid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mutual.protocol.geo.Geohash;
import mutual.protocol.geo.LatLon;
import mutual.protocol.json.JsonOut;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /api/places} (docs/api.md): the offline gazetteer over HTTP, so that the web
 * interface can turn a typed place name, or the device's position already cut to a coarse cell,
 * into a named place without shipping the list to the browser. The list is read on the first
 * request and kept; a node without it answers 503 with how to install it.
 */
public final class PlacesApi {
    private static final int MAX = 8;
    private volatile Gazetteer gazetteer;

    private PlacesApi() {}

    public static Handler handler() {
        PlacesApi api = new PlacesApi();
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Access-Control-Allow-Origin", "*");
                int status = 200;
                String body;
                if (!HttpMethod.GET.is(request.getMethod())) {
                    status = 405;
                    body = error("only GET is served here");
                } else {
                    try {
                        body = api.answer(Request.extractQueryParameters(request));
                    } catch (IllegalArgumentException e) {
                        status = 400;
                        body = error(e.getMessage());
                    } catch (IllegalStateException e) {
                        status = 503;
                        body = error(e.getMessage());
                    }
                }
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                Content.Sink.write(response, true, body, callback);
                return true;
            }
        };
    }

    String answer(Fields params) {
        Optional<String> q = Optional.ofNullable(params.getValue("q")).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> near = Optional.ofNullable(params.getValue("near"));
        if (q.isEmpty() && near.isEmpty()) throw new IllegalArgumentException("give q (a place name) or near (a geohash)");
        Gazetteer g = gazetteer();
        if (near.isPresent()) {
            Geohash cell = Geohash.parse(near.get()).orElseThrow(() -> new IllegalArgumentException("near must be a geohash, got '" + near.get() + "'"));
            LatLon c = cell.centre();
            List<Gazetteer.Place> found = g.nearest(c.lat(), c.lon()).stream().toList();
            return write(found, List.of());
        }
        if (q.get().length() > 100) throw new IllegalArgumentException("q is longer than 100 characters");
        List<Gazetteer.Place> found = g.lookup(q.get(), MAX);
        return write(found, found.isEmpty() ? g.suggestions(q.get()) : List.of());
    }

    private Gazetteer gazetteer() {
        Gazetteer g = gazetteer;
        if (g != null) return g;
        synchronized (this) {
            if (gazetteer != null) return gazetteer;
            Path file = Gazetteer.locate().orElseThrow(() -> new IllegalStateException(
                    "this node has no gazetteer; its operator can install it with: npm ci --prefix gazetteer"));
            try {
                gazetteer = Gazetteer.read(file);
            } catch (IOException e) {
                throw new IllegalStateException("this node cannot read its gazetteer: " + e.getMessage());
            }
            return gazetteer;
        }
    }

    private static String write(List<Gazetteer.Place> places, List<String> suggestions) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("places");
            for (Gazetteer.Place p : places) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeStringField("country", p.country());
                g.writeStringField("label", p.name() + ", " + p.country());
                g.writeStringField("geohash", Geohash.encode(p.lat(), p.lon(), 7).value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("suggestions");
            for (String s : suggestions) g.writeString(s);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static String error(String message) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }
}
