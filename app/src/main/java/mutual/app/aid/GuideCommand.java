package mutual.app.aid;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual guide post COMMUNITY --title TEXT --category C[,C] (--text TEXT|--file PATH) [--summary TEXT] [--node URL] [--json]
 * mutual guide list [COMMUNITY] [--category C] [--q WORDS] [--node URL] [--json]
 * mutual guide show G1 [--node URL] [--json]
 * </pre>
 * The shared library (docs/protocol.md, "Guides"): long-form guides (NIP-23) that members write
 * for their community ("how we run a food pantry"), searchable, and read across linked communities.
 */
@Command(name = "guide", mixinStandardHelpOptions = true, description = "Guides of the shared library: post, list (search), show.",
        subcommands = {GuidePostCommand.class, GuideListCommand.class, GuideShowCommand.class})
public final class GuideCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: post, list or show");
    }
}
