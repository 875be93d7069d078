package mutual.app.aid;

import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.protocol.community.MemberAct;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual community unvouch COMMUNITY NPUB [--message TEXT] [--node URL] [--json]
 * </pre>
 * Takes back your vouch; a person already admitted stays a member (docs/protocol.md, "Membership").
 * Refused before signing, with the reason, when it would count for nothing (you are not a member).
 */
@Command(name = "unvouch", mixinStandardHelpOptions = true, description = "Take back your vouch for someone.")
public final class CommunityUnvouchCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    CommunityActOptions o;
    @Parameters(index = "1", paramLabel = "NPUB", description = "the person (npub1... or 64 hex characters)") String whom;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.UNVOUCH, Optional.of(whom));
    }
}
