package mutual.engine.aid;

import java.util.List;
import java.util.Optional;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingStatus;
import mutual.protocol.aid.ListingType;
import mutual.protocol.event.Address;
import mutual.protocol.geo.Geohash;
import mutual.protocol.nip19.Bech32Exception;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The node's read-only aid API over HTTP (docs/api.md): listings by filter, one listing, the
 * listings that fit it ranked with reasons, and matches. Errors are a status code and
 * {@code {"error": "..."}}; nothing here changes state (people sign their own events).
 */
public final class AidApi {
    private static final String JSON = "application/json; charset=utf-8";

    /** A failure with its HTTP status, turned into the error body at one place. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Aid aid;

    private AidApi(Aid aid) {
        this.aid = aid;
    }

    public static Handler handler(Aid aid) {
        AidApi api = new AidApi(aid);
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Access-Control-Allow-Origin", "*");
                int status = 200;
                String body;
                try {
                    if (!HttpMethod.GET.is(request.getMethod())) throw new ApiError(405, "only GET is served here; publish events to the relay");
                    body = api.route(request.getHttpURI().getPath(), Request.extractQueryParameters(request));
                } catch (ApiError e) {
                    status = e.status;
                    body = AidJson.error(e.getMessage());
                } catch (IllegalArgumentException e) {
                    status = 400;
                    body = AidJson.error(e.getMessage());
                }
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
                Content.Sink.write(response, true, body, callback);
                return true;
            }
        };
    }

    String route(String path, Fields params) {
        if (path.equals("/api/status")) return status();
        if (path.equals("/api/listings") || path.equals("/api/listings/")) return listings(params);
        if (path.startsWith("/api/listings/")) {
            String rest = path.substring("/api/listings/".length());
            if (rest.endsWith("/matches")) return matches(address(decoded(rest.substring(0, rest.length() - "/matches".length()))), params);
            if (rest.endsWith("/referrals")) return referrals(address(decoded(rest.substring(0, rest.length() - "/referrals".length()))));
            return one(address(decoded(rest)));
        }
        if (path.startsWith("/api/matches/")) {
            String ref = decoded(path.substring("/api/matches/".length()));
            MatchView m = aid.match(ref).orElseThrow(() -> new ApiError(404, "no match " + ref + " is known here"
                    + " (a match with no step for " + MatchBook.KEEP_IN_MEMORY / 86400 + " days is listed only under its listings: /api/listings/{ref}/matches)"));
            return AidJson.write(g -> AidJson.match(g, m));
        }
        throw new ApiError(404, "no such API path: " + path);
    }

    /**
     * A reference as it was percent-encoded in the path (a listing's {@code d} of {@code veg box}
     * arrives as {@code veg%20box}), decoded only once the path has been split, so that an
     * encoded slash stays inside the reference.
     */
    static String decoded(String pathPart) {
        try {
            return org.eclipse.jetty.util.URIUtil.decodePath(pathPart);
        } catch (RuntimeException e) {
            throw bad("'" + pathPart + "' is not a valid percent-encoded reference");
        }
    }

    /** How full the listing index is: when listings are left out, matching does not see them. */
    private String status() {
        return AidJson.write(g -> {
            g.writeStartObject();
            g.writeNumberField("listings", aid.indexed());
            g.writeNumberField("max_listings", aid.maxIndexed());
            g.writeNumberField("left_out", aid.leftOut());
            g.writeEndObject();
        });
    }

    private String listings(Fields p) {
        ListingQuery q = new ListingQuery(
                param(p, "type").map(v -> ListingType.fromLabel(v).orElseThrow(() -> bad("type must be offer or need, got '" + v + "'"))),
                param(p, "category").map(v -> Category.fromLabel(v).orElseThrow(() -> bad("unknown category '" + v + "'"))),
                param(p, "near").map(v -> Geohash.parse(v).orElseThrow(() -> bad("near must be a geohash, got '" + v + "'"))),
                param(p, "radius_km").map(v -> number(v, "radius_km")),
                param(p, "status").map(v -> ListingStatus.fromLabel(v).orElseThrow(() -> bad("status must be open, matched, fulfilled or withdrawn, got '" + v + "'"))),
                param(p, "q"),
                param(p, "limit").map(v -> (int) number(v, "limit")).orElse(50));
        List<Listing> found = aid.search(q);
        return AidJson.write(g -> {
            g.writeStartObject();
            g.writeNumberField("count", found.size());
            g.writeArrayFieldStart("listings");
            for (Listing l : found) AidJson.listing(g, l);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private String one(Address a) {
        Listing l = aid.listing(a).orElseThrow(() -> new ApiError(404, "no listing " + a + " is known here"));
        return AidJson.write(g -> AidJson.listing(g, l));
    }

    /** Where an urgent need has been referred through linked communities, for the person in need to see. */
    private String referrals(Address a) {
        Listing l = aid.listing(a).orElseThrow(() -> new ApiError(404, "no listing " + a + " is known here"));
        List<Referral> steps = aid.referrals(l);
        return AidJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("listing", a.toString());
            g.writeBooleanField("referable", l.referable());
            g.writeArrayFieldStart("referred");
            for (Referral r : steps) {
                g.writeStartObject();
                g.writeStringField("community", r.community());
                g.writeStringField("name", r.name());
                g.writeStringField("via", r.via());
                g.writeStringField("via_name", r.viaName());
                g.writeNumberField("at", r.at());
                g.writeNumberField("members", r.members().size());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private String matches(Address a, Fields p) {
        Listing l = aid.listing(a).orElseThrow(() -> new ApiError(404, "no listing " + a + " is known here"));
        int limit = param(p, "limit").map(v -> (int) number(v, "limit")).orElse(20);
        if (limit < 1 || limit > 100) throw bad("limit must be 1..100, got " + limit);
        List<Ranked> ranked = aid.rank(l, limit);
        List<MatchView> known = aid.matches(a);
        return AidJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("listing", a.toString());
            g.writeArrayFieldStart("matches");
            for (Ranked r : ranked) {
                Optional<MatchView> m = known.stream().filter(v -> v.pair().need().equals(r.listing().address())
                        || v.pair().offer().equals(r.listing().address())).findFirst();
                // A pair that was done or declined is history, not a fit to offer again; posting anew makes a new pair.
                if (m.map(v -> v.state() == MatchState.DONE || v.state() == MatchState.DECLINED).orElse(false)) continue;
                AidJson.ranked(g, r, m);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("history");
            for (MatchView m : known) AidJson.match(g, m);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** An {@code naddr1…} or a {@code 30402:<pubkey>:<d>} address. */
    static Address address(String ref) {
        if (ref.startsWith("naddr1")) {
            try {
                if (Nip19.decode(ref) instanceof Entity.Naddr n && n.kind() == AidKinds.LISTING) return n.address();
            } catch (Bech32Exception e) {
                throw bad("'" + ref + "' is not a valid naddr: " + e.getMessage());
            }
            throw bad("'" + ref + "' does not name a listing (kind " + AidKinds.LISTING + ")");
        }
        Address a = Address.parse(ref).orElseThrow(() -> bad("'" + ref + "' is neither an naddr nor a kind:pubkey:d address"));
        if (a.kind() != AidKinds.LISTING) throw bad("'" + ref + "' does not name a listing (kind " + AidKinds.LISTING + ")");
        return a;
    }

    private static Optional<String> param(Fields p, String name) {
        return Optional.ofNullable(p.getValue(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static double number(String v, String name) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(name + " must be a number, got '" + v + "'");
        }
    }

    private static ApiError bad(String message) {
        return new ApiError(400, message);
    }
}
