package mutual.app.aid;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual community show COMMUNITY [--at TIME] [--node URL] [--json]
 * </pre>
 * The community as the node tallies it now (GET /api/communities/{id}): agreements, members and
 * who vouched for whom, open proposals with their responses and when they close, what was decided.
 * Proposals get short names (P1, P2…) for {@code mutual respond}.
 * {@code --at} shows it as it stood at a past moment. {@code --json} prints the API's answer as it is.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a community: members, vouches, proposals, decisions.")
public final class CommunityShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMMUNITY", description = CommunityLink.NAMED) String id;
    @Option(names = "--at", paramLabel = "TIME", description = "as it stood then: unix seconds or like 2026-02-01T10:00:00Z") Optional<String> at;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the node's tally as JSON (docs/api.md, \"Communities\")") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        EventId community = CommunityLink.community(id, link);
        Map<String, String> q = at.map(a -> Map.of("at", Long.toString(seconds(a)))).orElse(Map.of());
        String body = link.get("/api/communities/" + community.hex(), q);
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(body);
        else {
            Map<String, Object> t = Tree.map(Tree.parse(body));
            ShortRefs.nameProposals(order(t));
            print(out, t);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, Map<String, Object> t) {
        out.println(ShortRefs.nameCommunity(Tree.str(t, "id")) + " \"" + Tree.str(t, "name") + "\"  " + Tree.str(t, "id"));
        out.println("purpose: " + Tree.str(t, "description"));
        Map<String, Object> s = Tree.map(t.get("settings"));
        out.println("rules:   " + Tree.str(s, "vouches") + " vouches make a member; quorum " + Tree.str(s, "quorum_percent") + "%; proposals open at least "
                + seconds(((Number) s.get("min_period_seconds")).longValue()) + "; urgent needs referred after " + seconds(((Number) s.get("referral_seconds")).longValue()));
        List<Object> agreements = Tree.list(t.get("agreements"));
        out.println("agreements (" + agreements.size() + "):");
        for (Object o : agreements) out.println("  " + Tree.str(Tree.map(o), "key") + ": " + Tree.str(Tree.map(o), "text"));
        List<Object> members = Tree.list(t.get("members"));
        out.println("members (" + members.size() + "):");
        for (Object o : members) out.println("  " + npub(Tree.str(Tree.map(o), "pubkey")) + " since " + when(Tree.map(o).get("since")));
        out.println("record:");
        for (Object o : Tree.list(t.get("record"))) {
            Map<String, Object> e = Tree.map(o);
            String whom = e.get("whom") instanceof String w ? " " + npub(w) : "";
            out.println("  " + when(e.get("at")) + " " + npub(Tree.str(e, "who")) + " " + Tree.str(e, "what") + whom);
        }
        List<Object> proposals = Tree.list(t.get("proposals"));
        List<String> names = order(t);
        out.println("open proposals:");
        for (Object o : proposals) if ("open".equals(Tree.str(Tree.map(o), "status"))) proposal(out, t, Tree.map(o), names);
        out.println("decided:");
        for (Object o : proposals) if (!"open".equals(Tree.str(Tree.map(o), "status"))) proposal(out, t, Tree.map(o), names);
        List<Object> reports = Tree.list(t.get("reports"));
        if (!reports.isEmpty()) out.println("reports (" + reports.size() + "):");
        for (Object o : reports) {
            Map<String, Object> r = Tree.map(o);
            out.println("  " + when(r.get("at")) + " " + npub(Tree.str(r, "author")) + " reports " + npub(Tree.str(r, "member")) + " broke "
                    + Tree.str(r, "agreement") + ": " + Tree.str(r, "why") + (Boolean.TRUE.equals(r.get("stands")) ? "" : " (" + Tree.str(r, "reason") + ")"));
        }
        List<Object> linked = Tree.list(t.get("linked"));
        out.println("linked with (" + linked.size() + "):");
        for (Object o : linked) out.println("  \"" + Tree.str(Tree.map(o), "name") + "\"  " + Tree.str(Tree.map(o), "id"));
        int ignored = Tree.list(t.get("ignored")).size();
        if (ignored > 0) out.println(ignored + " event(s) changed nothing; --json lists them with the reason");
    }

    /** Proposal ids in the order they are shown: open ones first, then the decided; P1 is the first. */
    private static List<String> order(Map<String, Object> t) {
        List<String> open = new java.util.ArrayList<>(), decided = new java.util.ArrayList<>();
        for (Object o : Tree.list(t.get("proposals"))) {
            Map<String, Object> p = Tree.map(o);
            ("open".equals(Tree.str(p, "status")) ? open : decided).add(Tree.str(p, "id"));
        }
        open.addAll(decided);
        return open;
    }

    private static boolean linked(Map<String, Object> t, String other) {
        return Tree.list(t.get("linked")).stream().anyMatch(o -> other.equals(Tree.str(Tree.map(o), "id")));
    }

    private static void proposal(PrintWriter out, Map<String, Object> t, Map<String, Object> p, List<String> names) {
        String what = switch (Tree.str(p, "type")) {
            case "agreement" -> "agreement " + Tree.str(p, "agreement") + ": " + Tree.str(p, "text");
            case "link" -> "link with " + Tree.str(p, "community") + (linked(t, Tree.str(p, "community")) ? " (linked: both sides passed it)" : "");
            case "remove" -> "remove " + npub(Tree.str(p, "member")) + " (breach of " + Tree.str(p, "breach") + ")";
            default -> Tree.str(p, "type");
        };
        String status = Tree.str(p, "status");
        out.println("  P" + (names.indexOf(Tree.str(p, "id")) + 1) + " " + Tree.str(p, "id") + "  " + what);
        out.println("    by " + npub(Tree.str(p, "author")) + "; " + ("open".equals(status) ? "closes at " : "closed at ") + when(p.get("closes_at"))
                + "; " + status + (p.get("reason") instanceof String r ? " (" + r + ")" : ""));
        Map<String, Object> n = Tree.map(p.get("responses"));
        out.println("    electorate " + Tree.str(p, "electorate") + ": consent " + Tree.str(n, "consent") + ", concern " + Tree.str(n, "concern")
                + ", object " + Tree.str(n, "object"));
        for (Object o : Tree.list(p.get("standing"))) {
            Map<String, Object> r = Tree.map(o);
            String reason = Tree.str(r, "reason");
            out.println("      " + npub(Tree.str(r, "pubkey")) + " " + Tree.str(r, "response") + (r.get("basis") instanceof String b ? " (" + b + ")" : "")
                    + (reason.isBlank() || "consent".equals(Tree.str(r, "response")) ? "" : ": " + reason));
        }
    }

    private static String npub(String hex) {
        return PubKey.fromHex(hex).map(Nip19::npub).orElse(hex);
    }

    private static String when(Object seconds) {
        return Instant.ofEpochSecond(((Number) seconds).longValue()).toString();
    }

    private static long seconds(String t) {
        if (t.matches("[0-9]{1,12}")) return Long.parseLong(t);
        try {
            return Instant.parse(t).getEpochSecond();
        } catch (java.time.format.DateTimeParseException x) {
            throw new mutual.app.cli.CliException(ExitCodes.USAGE, "--at is unix seconds or like 2026-02-01T10:00:00Z, got '" + t + "'");
        }
    }

    static String seconds(long s) {
        return s % 86400 == 0 ? s / 86400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s + "s";
    }
}
