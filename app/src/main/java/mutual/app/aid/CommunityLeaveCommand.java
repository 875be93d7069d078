package mutual.app.aid;

import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.protocol.community.MemberAct;
import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual community leave COMMUNITY [--message TEXT] [--node URL] [--json]
 * </pre>
 * Leaves a community; to come back, join again and be vouched in anew (docs/protocol.md, "Membership").
 */
@Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave a community.")
public final class CommunityLeaveCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    CommunityActOptions o;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.LEAVE, Optional.empty());
    }
}
