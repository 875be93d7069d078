package mutual.app.aid;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual matches LISTING [--node URL] [--json]
 * </pre>
 * The listings that fit one listing, best first with score and reasons
 * ({@code GET /api/listings/{ref}/matches}). LISTING is an naddr or 30402:pubkey:d.
 */
@Command(name = "matches", mixinStandardHelpOptions = true, description = "Show the listings that fit a listing, best first, with reasons.")
public final class MatchesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LISTING", description = "naddr1… or 30402:<pubkey>:<d>") String ref;
    @Option(names = "--node", description = "the node's relay URL") Optional<String> node;
    @Option(names = "--json", description = "print the API's JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String body = NodeLink.of(node.orElseGet(CliEnv::relay)).get("/api/listings/" + NodeLink.pathPart(ref) + "/matches", Map.of());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            for (Object o : Tree.list(Tree.map(Tree.parse(body)).get("matches"))) {
                Map<String, Object> m = Tree.map(o);
                out.printf("%.2f  %s%n", Double.parseDouble(Tree.str(m, "score")), ListingsCommand.line(Tree.map(m.get("listing"))));
                out.println("      " + String.join("; ", Tree.list(m.get("reasons")).stream().map(Object::toString).toList()));
                if (m.containsKey("match_ref")) out.println("      match " + Tree.str(m, "match_ref") + " (" + Tree.str(m, "state") + ")");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
