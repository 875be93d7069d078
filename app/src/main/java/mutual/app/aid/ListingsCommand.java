package mutual.app.aid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.app.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual listings [--type need|offer] [--category C] [--geohash G | --near PLACE] [--radius-km N]
 *     [--status S] [--q WORDS] [--limit N] [--node URL] [--json]
 * </pre>
 * Lists the node's listings through its API ({@code GET /api/listings}, docs/api.md).
 */
@Command(name = "listings", mixinStandardHelpOptions = true, description = "List needs and offers on the node.")
public final class ListingsCommand implements Callable<Integer> {
    @Option(names = "--type", description = "need or offer") Optional<String> type;
    @Option(names = "--category", description = "one category") Optional<String> category;
    @Option(names = "--geohash", description = "around this geohash") Optional<String> geohash;
    @Option(names = "--near", description = "around this place (a name; many names are also valid geohashes, so geohashes go in --geohash)") Optional<String> near;
    @Option(names = "--radius-km", description = "radius around --near") Optional<String> radius;
    @Option(names = "--status", description = "open, matched, fulfilled or withdrawn") Optional<String> status;
    @Option(names = "--q", description = "words to look for") Optional<String> q;
    @Option(names = "--limit", description = "at most this many (default 50)") Optional<String> limit;
    @Option(names = "--node", description = "the node's relay URL (default $MUTUAL_RELAY or ws://127.0.0.1:7447/)") Optional<String> node;
    @Option(names = "--json", description = "print the API's JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> p = new LinkedHashMap<>();
        type.ifPresent(v -> p.put("type", v));
        category.ifPresent(v -> p.put("category", v));
        if (geohash.isPresent() && near.isPresent()) throw new CliException(ExitCodes.USAGE, "give --geohash or --near, not both");
        geohash.ifPresent(v -> p.put("near", v));
        near.ifPresent(v -> p.put("near", Gazetteer.load().resolve(v).prefix(5).value()));
        radius.ifPresent(v -> p.put("radius_km", v));
        status.ifPresent(v -> p.put("status", v));
        q.ifPresent(v -> p.put("q", v));
        limit.ifPresent(v -> p.put("limit", v));
        String body = NodeLink.of(node.orElseGet(CliEnv::relay)).get("/api/listings", p);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            for (Object o : Tree.list(Tree.map(Tree.parse(body)).get("listings"))) out.println(line(Tree.map(o)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String line(Map<String, Object> l) {
        return String.format("%-5s %-10s %-40s %-8s %-9s %s", Tree.str(l, "type"), String.join(",", Tree.list(l.get("categories")).stream().map(Object::toString).toList()),
                "\"" + Tree.str(l, "title") + "\"", Tree.str(l, "geohash"), Tree.str(l, "status"), Tree.str(l, "ref"));
    }
}
