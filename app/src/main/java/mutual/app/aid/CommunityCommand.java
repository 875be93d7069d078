package mutual.app.aid;

import java.util.Optional;
import mutual.protocol.community.MemberAct;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual community create --name TEXT --purpose TEXT [--agreement KEY=TEXT]... [--near PLACE|--geohash G]
 *     [--lang xx]... [--vouches N] [--quorum PCT] [--period 7d] [--node URL] [--json]
 * mutual community list [--near PLACE|--geohash G] [--km N] [--mine|--member NPUB] [--name TEXT] [--node URL] [--json]
 * mutual community show COMMUNITY [--at TIME] [--node URL] [--json]
 * mutual community join|leave COMMUNITY [--same-person-as NPUB] [--node URL] [--json]
 * mutual community vouch|unvouch COMMUNITY NPUB [--same-person-as NPUB] [--node URL] [--json]
 * </pre>
 * A COMMUNITY is its short name (C1, from list or create), its name when only one community the
 * node holds has it, or its id. Communities decided by consent (docs/protocol.md, "Communities"): found one, see its members and
 * decisions, join, vouch people in, leave (the four membership acts are the methods below, one
 * code path in {@link CommunityActs}). Proposals and responses are {@code mutual propose} and
 * {@code mutual respond}. $MUTUAL_NOW sets the time acts are signed at (docs/protocol.md, "Late
 * events and back-dating": the protocol cannot prevent it, and the record shows it).
 */
@Command(name = "community", mixinStandardHelpOptions = true,
        description = "Communities decided by consent: create, list, show, join, vouch, unvouch, leave; a community is named C1 (from list), by its name or its id. These and propose and respond sign at"
                + " the clock's time, or at $MUTUAL_NOW (unix seconds) to record an act made earlier, say at a meeting; the record shows its time.",
        subcommands = {CommunityCreateCommand.class, CommunityListCommand.class, CommunityShowCommand.class})
public final class CommunityCommand implements Runnable {
    private static final String PERSON = "the person (npub1... or 64 hex characters)";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Asks to join a community; members then vouch you in (docs/protocol.md, "Membership"). */
    @Command(name = "join", mixinStandardHelpOptions = true, description = "Ask to join a community; members vouch you in.")
    int join(@Mixin CommunityActOptions o, @picocli.CommandLine.Option(names = "--same-person-as", paramLabel = "NPUB",
            description = "the key you held before, lost or stolen: members who know you vouch for this one saying the same (docs/protocol.md, \"A lost or stolen key\")") Optional<String> before) {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.JOIN, Optional.empty(), before);
    }

    /** Vouches, as a member, for someone who asked to join; they are a member once enough vouches stand. Refused, with the reason, from a non-member. */
    @Command(name = "vouch", mixinStandardHelpOptions = true, description = "Vouch for someone who asked to join.")
    int vouch(@Mixin CommunityActOptions o, @Parameters(index = "1", paramLabel = "NPUB", description = PERSON) String whom,
              @picocli.CommandLine.Option(names = "--same-person-as", paramLabel = "NPUB",
                      description = "say that this person is who held that key before (a lost or stolen one); only if you know it") Optional<String> before) {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.VOUCH, Optional.of(whom), before);
    }

    /** Takes back your vouch; a person already admitted stays a member. Refused, with the reason, from a non-member. */
    @Command(name = "unvouch", mixinStandardHelpOptions = true, description = "Take back your vouch for someone.")
    int unvouch(@Mixin CommunityActOptions o, @Parameters(index = "1", paramLabel = "NPUB", description = PERSON) String whom) {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.UNVOUCH, Optional.of(whom), Optional.empty());
    }

    /** Leaves a community; to come back, join again and be vouched in anew. */
    @Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave a community.")
    int leave(@Mixin CommunityActOptions o) {
        return CommunityActs.run(spec.commandLine().getOut(), o, MemberAct.Act.LEAVE, Optional.empty(), Optional.empty());
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list, show, join, vouch, unvouch or leave");
    }
}
