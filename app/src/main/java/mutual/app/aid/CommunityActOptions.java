package mutual.app.aid;

import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the four membership commands share: the community, a few words, the node, {@code --json} (a picocli mixin). */
final class CommunityActOptions {
    @Parameters(index = "0", paramLabel = "COMMUNITY", description = CommunityLink.NAMED) String id;
    @Option(names = "--message", description = "a few words for the record (who you are, how you know them, why)") Optional<String> message = Optional.empty();
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the act and the signed event") boolean json;
}
