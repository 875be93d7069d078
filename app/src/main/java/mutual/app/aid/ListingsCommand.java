package mutual.app.aid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.app.cli.CliException;
import mutual.protocol.geo.Geohash;
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
    @Option(names = "--radius-km", description = "radius around --near or --geohash, in km (at most 500)") Optional<String> radius;
    @Option(names = "--status", description = "open, matched, fulfilled or withdrawn") Optional<String> status;
    @Option(names = "--q", description = "words to look for") Optional<String> q;
    @Option(names = "--limit", description = "at most this many (default 50)") Optional<String> limit;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the API's JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> p = new LinkedHashMap<>();
        type.ifPresent(v -> p.put("type", v));
        category.ifPresent(v -> p.put("category", v));
        Optional<Geohash> centre = Gazetteer.where(geohash, near.map(String::strip), Geohash.MAX_LENGTH).map(g -> near.isPresent() ? g.prefix(5) : g);
        centre.ifPresent(g -> p.put("near", g.value()));
        radius.ifPresent(v -> p.put("radius_km", v));
        status.ifPresent(v -> p.put("status", v));
        q.ifPresent(v -> p.put("q", v));
        limit.ifPresent(v -> p.put("limit", v));
        String body = node.link().get("/api/listings", p);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            List<Object> found = Tree.list(Tree.map(Tree.parse(body)).get("listings"));
            if (found.isEmpty()) out.println("no listings fit" + (p.isEmpty() ? " (the node holds none yet)" : " these filters"));
            for (Object o : found) out.println(line(Tree.map(o), centre));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * One listing on one line: the place as its author named it (else its geohash), and with a
     * centre the distance from it, between the middles of the two cells.
     */
    static String line(Map<String, Object> l, Optional<Geohash> centre) {
        String place = l.containsKey("location") ? Tree.str(l, "location") : Tree.str(l, "geohash");
        String away = centre.flatMap(c -> Geohash.parse(Tree.str(l, "geohash")).map(g -> String.format(Locale.ROOT, "%.1f km", c.distanceKm(g)))).orElse("");
        return String.format("%-5s %-10s %-34s %-22s%s %-9s %s", Tree.str(l, "type"), String.join(",", Tree.list(l.get("categories")).stream().map(Object::toString).toList()),
                "\"" + Tree.str(l, "title") + "\"", place, away.isEmpty() ? "" : String.format(" %9s", away), Tree.str(l, "status"), Tree.str(l, "ref"));
    }
}
