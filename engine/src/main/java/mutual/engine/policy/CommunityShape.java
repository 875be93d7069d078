package mutual.engine.policy;

import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Verdict;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.CommunityParser;

/**
 * Community events (kinds 1403 to 1406, and kind-1984 reports labelled {@code mutual.community.report}) must read as docs/protocol.md "Communities" says: a vouch
 * names one person, an objection names its basis. One that does not could never count on any
 * node, so it is refused with {@code invalid:} and the parser's reason.
 */
final class CommunityShape {
    private CommunityShape() {}

    static Policy parses() {
        return Policy.of("community-shape", c -> {
            boolean report = CommunityParser.isCommunityReport(c.event());
            if (!CommunityParser.isCommunityKind(c.event().kind()) && !report) return Verdict.accept();
            try {
                if (report) CommunityParser.report(c.event());
                else CommunityParser.parse(c.event());
                return Verdict.accept();
            } catch (CommunityException x) {
                return Verdict.invalid(x.getMessage());
            }
        });
    }
}
