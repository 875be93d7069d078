package mutual.app.aid;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual community list [--near PLACE|--geohash G] [--km N] [--mine|--member NPUB] [--name TEXT] [--node URL] [--json]
 * </pre>
 * The communities the node holds (GET /api/communities): near a place, yours or someone's, by name.
 * Each gets a short name (C1, C2…) that the other community commands take instead of its id.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List communities near a place, yours, or by name; names them C1, C2…")
public final class CommunityListCommand implements Callable<Integer> {
    @Option(names = "--near", paramLabel = "PLACE", description = "near a place name (needs a gazetteer)") Optional<String> near;
    @Option(names = "--geohash", paramLabel = "G", description = "near a geohash cell") Optional<String> geohash;
    @Option(names = "--km", paramLabel = "N", description = "how far from the place, 0 to 500 (default 25)") Optional<Double> km;
    @Option(names = "--mine", description = "the communities you are a member of") boolean mine;
    @Option(names = "--member", paramLabel = "NPUB", description = "the communities this person is a member of") Optional<String> member;
    @Option(names = "--name", paramLabel = "TEXT", description = "communities of this name (whole, any case)") Optional<String> name;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the node's answer as JSON (docs/api.md, \"GET /api/communities\")") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> q = new LinkedHashMap<>();
        Gazetteer.where(geohash, near, 5).ifPresent(g -> q.put("near", g.value()));
        km.ifPresent(k -> {
            if (!q.containsKey("near")) throw new CliException(ExitCodes.USAGE, "--km goes with --near or --geohash");
            q.put("km", Double.toString(k));
        });
        if (mine && member.isPresent()) throw new CliException(ExitCodes.USAGE, "say whose with one of --mine or --member, not both");
        if (mine) q.put("member", Keystore.open().publicKey().hex());
        member.ifPresent(m -> q.put("member", CommunityLink.person(m).hex()));
        name.ifPresent(n -> q.put("name", n));
        String body = node.link().get("/api/communities", q);
        PrintWriter out = spec.commandLine().getOut();
        List<Object> found = Tree.list(Tree.map(Tree.parse(body)).get("communities"));
        ShortRefs.nameCommunities(found.stream().map(o -> Tree.str(Tree.map(o), "id")).toList());
        if (json) out.println(body);
        else if (found.isEmpty()) out.println("no community found" + (q.isEmpty() ? " at " + node.link().relayUrl() : " like that"));
        else {
            for (int i = 0; i < found.size(); i++) {
                Map<String, Object> c = Tree.map(found.get(i));
                String area = c.get("area") instanceof String a ? "  area " + a : "";
                out.println("C" + (i + 1) + " \"" + Tree.str(c, "name") + "\"  " + Tree.str(c, "members") + " member(s)" + area + "  " + Tree.str(c, "id"));
                out.println("   " + Tree.str(c, "description"));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
