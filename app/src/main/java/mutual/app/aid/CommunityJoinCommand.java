package mutual.app.aid;

import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.protocol.community.MemberAct;
import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual community join COMMUNITY [--message TEXT] [--node URL] [--json]
 * </pre>
 * Asks to join a community; members then vouch you in (docs/protocol.md, "Membership").
 */
@Command(name = "join", mixinStandardHelpOptions = true, description = "Ask to join a community; members vouch you in.")
public final class CommunityJoinCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    CommunityActOptions o;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.JOIN, Optional.empty());
    }
}
