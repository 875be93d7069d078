package mutual.app.aid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.aid.Category;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.Guide;
import mutual.protocol.community.Guides;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual guide list [COMMUNITY] [--category C] [--q WORDS] [--node URL] [--json]
 * </pre>
 * The guides of a community's library and of the communities linked with it (or every guide the
 * node holds), newest first; {@code --q} searches their words (NIP-50). Names them G1, G2… for show.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List guides of a community and its linked ones, or all; --q searches.")
public final class GuideListCommand implements Callable<Integer> {
    /** Guides asked for at most. */
    static final int LIMIT = 200;

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMUNITY", description = CommunityLink.NAMED) Optional<String> id = Optional.empty();
    @Option(names = "--category", description = "only guides of this category") Optional<String> category;
    @Option(names = "--q", paramLabel = "WORDS", description = "words to search for") Optional<String> q;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the guides found") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        FilterBuilder f = Filter.builder().kinds(Guides.KIND).tag('t', Guides.HASHTAG).limit(LIMIT);
        Map<String, String> names = new java.util.HashMap<>();
        if (id.isPresent()) {
            EventId community = CommunityLink.community(id.get(), link);
            Map<String, Object> t = CommunityLink.tally(link, community);
            names.put(community.hex(), Tree.str(t, "name"));
            for (Object o : Tree.list(t.get("linked"))) names.put(Tree.str(Tree.map(o), "id"), Tree.str(Tree.map(o), "name"));
            f.tag('e', names.keySet().toArray(String[]::new));
        }
        category.ifPresent(c -> f.tag('l', Category.fromLabel(c.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "unknown category '" + c + "'")).label()));
        q.ifPresent(f::search);
        List<Guide> found = new ArrayList<>();
        for (Event e : link.query("guides", f.build())) {
            try {
                found.add(Guides.parse(e));
            } catch (CommunityException x) {
                // not a guide this reads; left out
            }
        }
        found.sort(Comparator.comparingLong(Guide::createdAt).reversed().thenComparing(g -> g.address().toString()));
        ShortRefs.nameGuides(found.stream().map(g -> g.address().toString()).toList());
        var out = spec.commandLine().getOut();
        if (json) out.println(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("guides");
            for (Guide x : found) {
                g.writeStartObject();
                g.writeStringField("ref", x.address().toString());
                g.writeStringField("title", x.title());
                g.writeStringField("community", x.community().hex());
                g.writeNumberField("created_at", x.createdAt());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
        else if (found.isEmpty()) out.println("no guide found");
        for (int i = 0; !json && i < found.size(); i++) {
            Guide x = found.get(i);
            String where = names.getOrDefault(x.community().hex(), x.community().hex().substring(0, 8));
            out.println("G" + (i + 1) + " \"" + x.title() + "\"  " + String.join(",", x.categories().stream().map(Category::label).toList())
                    + "  from \"" + where + "\"" + x.summary().map(s -> "\n   " + s).orElse(""));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
