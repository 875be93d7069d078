package mutual.app.aid;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual community create --name TEXT --purpose TEXT [--agreement KEY=TEXT]... [--near PLACE|--geohash G]
 *     [--lang xx]... [--vouches N] [--quorum PCT] [--period 7d] [--node URL] [--json]
 * mutual community show ID [--node URL] [--json]
 * mutual community join|leave ID [--node URL] [--json]
 * mutual community vouch|unvouch ID NPUB [--node URL] [--json]
 * </pre>
 * Communities decided by consent (docs/protocol.md, "Communities"): found one, see its members and
 * decisions, join, vouch people in, leave. Proposals and responses are {@code mutual propose} and
 * {@code mutual respond}.
 */
@Command(name = "community", mixinStandardHelpOptions = true,
        description = "Communities decided by consent: create, show, join, vouch, unvouch, leave.",
        subcommands = {CommunityCreateCommand.class, CommunityShowCommand.class, CommunityJoinCommand.class,
                CommunityVouchCommand.class, CommunityUnvouchCommand.class, CommunityLeaveCommand.class})
public final class CommunityCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: create, show, join, vouch, unvouch or leave");
    }
}
