package mutual.engine.community;

import java.util.Optional;
import mutual.protocol.community.Tally;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.geo.Geohash;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import mutual.protocol.event.EventId;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The node's read-only community API (docs/api.md, "Communities"): one community's members,
 * agreements, proposals with their tallies, and its record, now or at a past moment. People
 * change a community only by publishing their own signed events to the relay.
 */
final class CommunityApi {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String LIST = "/api/communities";
    private static final String PREFIX = LIST + "/";
    /** How far {@code near} looks when {@code km} is not given. */
    static final double DEFAULT_KM = 25;
    /** The most {@code km} may be. */
    static final double MAX_KM = 500;

    /** A failure with its HTTP status, turned into the error body in one place. */
    private static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private CommunityApi() {}

    static Handler handler(Communities communities) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Access-Control-Allow-Origin", "*");
                int status = 200;
                String body;
                try {
                    if (!HttpMethod.GET.is(request.getMethod())) throw new ApiError(405, "only GET is served here; publish events to the relay");
                    String path = request.getHttpURI().getPath();
                    var q = Request.extractQueryParameters(request);
                    if (path.equals(LIST) || path.equals(PREFIX)) body = CommunityJson.list(list(communities.index(), q::getValue));
                    else {
                        Tally t = one(communities, path, q.getValue("at"));
                        CommunityIndex ix = communities.index();
                        body = CommunityJson.tally(t, ix.get(t.founding().id().hex()).map(ix::linked).orElse(java.util.List.of()),
                                communities.reports(t.founding().id()).stream().filter(r -> r.createdAt() <= t.now()).toList());
                    }
                } catch (ApiError e) {
                    status = e.status;
                    body = CommunityJson.error(e.getMessage());
                } catch (IllegalStateException e) {
                    status = 503;
                    body = CommunityJson.error(e.getMessage() + "; try again");
                }
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
                Content.Sink.write(response, true, body, callback);
                return true;
            }
        };
    }

    /** Communities selected by {@code near} (+ {@code km}), {@code member} and {@code name}, all of which must hold; all of them when none is given. */
    private static java.util.List<CommunityView> list(CommunityIndex ix, java.util.function.Function<String, String> q) {
        java.util.List<CommunityView> out = new java.util.ArrayList<>(ix.all());
        out.sort(java.util.Comparator.comparing((CommunityView v) -> v.founding().createdAt()).thenComparing(CommunityView::id));
        String near = q.apply("near"), km = q.apply("km"), member = q.apply("member"), name = q.apply("name");
        if (near != null) {
            Geohash g = Geohash.parse(near).orElseThrow(() -> new ApiError(400, "near is a geohash (like u33db), got '" + near + "'"));
            double radius = DEFAULT_KM;
            if (km != null) {
                try {
                    radius = Double.parseDouble(km);
                } catch (NumberFormatException x) {
                    radius = -1;
                }
                if (!(radius >= 0 && radius <= MAX_KM)) throw new ApiError(400, "km is a distance from 0 to " + (int) MAX_KM + ", got '" + km + "'");
            }
            out = ix.near(g, radius); // nearest first
        } else if (km != null) throw new ApiError(400, "km goes with near");
        if (member != null) {
            String hex = person(member);
            out.removeIf(v -> !v.members().contains(hex));
        }
        if (name != null) {
            if (name.isBlank() || name.length() > 100) throw new ApiError(400, "name is 1 to 100 characters");
            java.util.Set<CommunityView> named = new java.util.HashSet<>(ix.named(name));
            out.removeIf(v -> !named.contains(v));
        }
        return out;
    }

    private static String person(String given) {
        if (given.startsWith("npub1")) {
            try {
                if (Nip19.decode(given) instanceof Entity.Npub n) return n.pubkey().hex();
            } catch (RuntimeException x) {
                // said below
            }
        }
        return PubKey.fromHex(given).map(PubKey::hex).orElseThrow(() -> new ApiError(400, "member is an npub1… or 64 hex characters, got '" + given + "'"));
    }

    private static Tally one(Communities communities, String path, String at) {
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        EventId id = EventId.fromHex(rest).orElseThrow(() -> new ApiError(400,
                "a community is named by the id of its founding event, 64 lowercase hex characters; got '" + rest + "'"));
        Optional<Tally> tally;
        if (at == null) tally = communities.tally(id);
        else if (at.matches("[0-9]{1,12}")) tally = communities.tallyAt(id, Long.parseLong(at));
        else throw new ApiError(400, "at must be a unix time in seconds, got '" + at + "'");
        return tally.orElseThrow(() -> new ApiError(404, "no community " + rest + " is known here (its founding event, kind 1403, is not held)"));
    }
}
