package mutual.app.aid;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual community create --name TEXT --purpose TEXT [--agreement KEY=TEXT]... [--near PLACE|--geohash G]
 *     [--lang xx]... [--vouches N] [--quorum PCT] [--period 7d] [--node URL] [--json]
 * mutual community list [--near PLACE|--geohash G] [--km N] [--mine|--member NPUB] [--name TEXT] [--node URL] [--json]
 * mutual community show COMMUNITY [--at TIME] [--node URL] [--json]
 * mutual community join|leave COMMUNITY [--node URL] [--json]
 * mutual community vouch|unvouch COMMUNITY NPUB [--node URL] [--json]
 * </pre>
 * A COMMUNITY is its short name (C1, from list or create), its name when only one community the
 * node holds has it, or its id. Communities decided by consent (docs/protocol.md, "Communities"): found one, see its members and
 * decisions, join, vouch people in, leave. Proposals and responses are {@code mutual propose} and
 * {@code mutual respond}. $MUTUAL_NOW sets the time acts are signed at (docs/protocol.md, "Late
 * events and back-dating": the protocol cannot prevent it, and the record shows it).
 */
@Command(name = "community", mixinStandardHelpOptions = true,
        description = "Communities decided by consent: create, list, show, join, vouch, unvouch, leave; a community is named C1 (from list), by its name or its id. These and propose and respond sign at"
                + " the clock's time, or at $MUTUAL_NOW (unix seconds) to record an act made earlier, say at a meeting; the record shows its time.",
        subcommands = {CommunityCreateCommand.class, CommunityListCommand.class, CommunityShowCommand.class, CommunityJoinCommand.class,
                CommunityVouchCommand.class, CommunityUnvouchCommand.class, CommunityLeaveCommand.class})
public final class CommunityCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list, show, join, vouch, unvouch or leave");
    }
}
