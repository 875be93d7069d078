package mutual.app.aid;

import java.util.List;
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
 * The listings that fit one listing now, best first with score and reasons, and the history of
 * its matches with their state ({@code GET /api/listings/{ref}/matches}). LISTING is a short name
 * from {@code mutual mine} (L1), an naddr or 30402:pubkey:d. A pair that finished is history,
 * never offered again.
 */
@Command(name = "matches", mixinStandardHelpOptions = true, description = "Show what fits a listing now, best first with reasons, and its match history.")
public final class MatchesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LISTING", description = "L1 (from mutual mine), naddr1… or 30402:<pubkey>:<d>") String ref;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the API's JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String body = node.link().get("/api/listings/" + NodeLink.pathPart(ShortRefs.listing(ref)) + "/matches", Map.of());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, Object> all = Tree.map(Tree.parse(body));
        List<Object> fits = Tree.list(all.get("matches")), history = Tree.list(all.get("history"));
        if (fits.isEmpty()) out.println("Nothing fits this listing now" + (history.isEmpty() ? "; the node suggests a match as soon as something does." : "."));
        else out.println("Fits now, best first:");
        for (Object o : fits) {
            Map<String, Object> m = Tree.map(o);
            out.printf("%.2f  %s%n", Double.parseDouble(Tree.str(m, "score")), ListingsCommand.line(Tree.map(m.get("listing")), Optional.empty()));
            out.println("      " + String.join("; ", Tree.list(m.get("reasons")).stream().map(Object::toString).toList()));
            if (m.containsKey("match_ref")) out.println("      match " + Tree.str(m, "match_ref") + " (" + Tree.str(m, "state") + ")");
        }
        List<Object> referred = Tree.list(Tree.map(Tree.parse(node.link().get("/api/listings/" + NodeLink.pathPart(ShortRefs.listing(ref)) + "/referrals",
                Map.of()))).get("referred"));
        if (!referred.isEmpty()) out.println("Referred, as it stayed unmatched (post it again with --no-referral to stop):");
        for (Object o : referred) {
            Map<String, Object> r = Tree.map(o);
            out.println("  " + java.time.Instant.ofEpochSecond(((Number) r.get("at")).longValue()) + " to \"" + Tree.str(r, "name") + "\" (" + Tree.str(r, "members")
                    + " members), linked with \"" + Tree.str(r, "via_name") + "\"");
        }
        if (!history.isEmpty()) out.println("History:");
        for (Object o : history) {
            Map<String, Object> m = Tree.map(o);
            List<String> steps = Tree.list(m.get("steps")).stream().map(s -> Tree.str(Tree.map(s), "step")).toList();
            out.printf("  %-9s match %s%n      steps: %s%n", Tree.str(m, "state"), Tree.str(m, "ref"), String.join(", ", steps));
            List<String> reasons = Tree.list(m.get("reasons")).stream().map(Object::toString).toList();
            if (!reasons.isEmpty()) out.println("      why: " + String.join("; ", reasons));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
