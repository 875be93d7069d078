package mutual.app.aid;

import java.util.List;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.community.Guide;
import mutual.protocol.community.Guides;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual guide show G1 [--node URL] [--json]
 * </pre>
 * One guide, its newest version, as Markdown ({@code --json}: the signed event).
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a guide.")
public final class GuideShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "GUIDE", description = "G1 (from mutual guide list) or 30023:<pubkey>:<d>") String ref;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the signed event") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Address a = Address.parse(ShortRefs.guide(ref)).orElseThrow(() -> new CliException(ExitCodes.USAGE, "'" + ref + "' is not a guide's address"));
        NodeLink link = node.link();
        List<Event> found = link.query("the guide", Filter.builder().kinds(a.kind()).authors(a.pubkey()).tag('d', a.d()).limit(1).build());
        Event e = found.stream().filter(Guides::isGuide).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.INVALID, "no guide " + a + " is known at " + link.relayUrl()));
        Guide g = Guides.parse(e);
        var out = spec.commandLine().getOut();
        if (json) out.println(e.toJson());
        else {
            out.println("# " + g.title());
            g.summary().ifPresent(s -> out.println("_" + s + "_"));
            out.println();
            out.println(g.content());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
