package mutual.engine.community;

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
 * agreements, proposals with their tallies, and its record. People change a community only by
 * publishing their own signed events to the relay.
 */
final class CommunityApi {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PREFIX = "/api/communities/";

    private CommunityApi() {}

    static Handler handler(Communities communities) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Access-Control-Allow-Origin", "*");
                int status = 200;
                String body;
                if (!HttpMethod.GET.is(request.getMethod())) {
                    status = 405;
                    body = CommunityJson.error("only GET is served here; publish events to the relay");
                } else {
                    String rest = request.getHttpURI().getPath().substring(Math.min(PREFIX.length(), request.getHttpURI().getPath().length()));
                    var id = EventId.fromHex(rest);
                    if (id.isEmpty()) {
                        status = 400;
                        body = CommunityJson.error("a community is named by the id of its founding event, 64 lowercase hex characters; got '" + rest + "'");
                    } else {
                        String at = Request.extractQueryParameters(request).getValue("at");
                        java.util.Optional<mutual.protocol.community.Tally> tally;
                        String busy = null;
                        try {
                            tally = at == null ? communities.tally(id.get())
                                    : at.matches("[0-9]{1,12}") ? communities.tallyAt(id.get(), Long.parseLong(at)) : null;
                        } catch (IllegalStateException x) {
                            tally = java.util.Optional.empty();
                            busy = x.getMessage();
                        }
                        if (busy != null) {
                            status = 503;
                            body = CommunityJson.error(busy + "; try again");
                        } else if (tally == null) {
                            status = 400;
                            body = CommunityJson.error("at must be a unix time in seconds, got '" + at + "'");
                        } else if (tally.isEmpty()) {
                            status = 404;
                            body = CommunityJson.error("no community " + rest + " is known here (its founding event, kind 1403, is not held)");
                        } else {
                            body = CommunityJson.tally(tally.get());
                        }
                    }
                }
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
                Content.Sink.write(response, true, body, callback);
                return true;
            }
        };
    }
}
