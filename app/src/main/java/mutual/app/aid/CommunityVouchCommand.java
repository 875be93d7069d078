package mutual.app.aid;

import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.protocol.community.MemberAct;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual community vouch COMMUNITY NPUB [--message TEXT] [--node URL] [--json]
 * </pre>
 * Vouches, as a member, for someone who asked to join; they are a member once enough vouches stand.
 * Refused before signing, with the reason, when it would count for nothing (you are not a member).
 */
@Command(name = "vouch", mixinStandardHelpOptions = true, description = "Vouch for someone who asked to join.")
public final class CommunityVouchCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    CommunityActOptions o;
    @Parameters(index = "1", paramLabel = "NPUB", description = "the person (npub1... or 64 hex characters)") String whom;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.VOUCH, Optional.of(whom));
    }
}
