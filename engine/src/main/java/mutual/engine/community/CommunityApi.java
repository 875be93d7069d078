package mutual.engine.community;

import java.util.Optional;
import mutual.protocol.community.Tally;
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
    private static final String PREFIX = "/api/communities/";

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
                    body = CommunityJson.tally(one(communities, request.getHttpURI().getPath(), Request.extractQueryParameters(request).getValue("at")));
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
