package mutual.app.aid;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.CommunityKinds;
import mutual.protocol.community.Settings;
import mutual.protocol.event.Event;
import mutual.protocol.geo.Geohash;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual community create --name TEXT --purpose TEXT [--agreement KEY=TEXT]... [--about TEXT]
 *     [--near PLACE|--geohash G] [--lang xx]... [--vouches N] [--quorum PCT] [--period 7d] [--referral 24h] [--node URL] [--json]
 * </pre>
 * Founds a community (kind 1403, docs/protocol.md "Founding"): you are its first member, and its
 * id names it from now on. The founding can never be edited; agreements change by proposals.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Found a community; you are its first member.")
public final class CommunityCreateCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "its name, up to 100 characters") String name;
    @Option(names = "--purpose", required = true, description = "what it is for, up to 1,000 characters; an objection may name it") String purpose;
    @Option(names = "--agreement", paramLabel = "KEY=TEXT", description = "an agreement members hold each other to (key: a-z, 0-9, -); repeat for more")
    List<String> agreements = List.of();
    @Option(names = "--about", description = "more words for people (Markdown)") Optional<String> about;
    @Option(names = "--near", description = "its area, as a place name (needs a gazetteer; published as a ~5 km cell)") Optional<String> near;
    @Option(names = "--geohash", description = "its area, as a geohash (cut to 5 characters)") Optional<String> geohash;
    @Option(names = "--lang", split = ",", description = "its languages (ISO 639-1: en, de, ...)") List<String> languages = List.of();
    @Option(names = "--vouches", description = "vouches that make a member, 1 to 10 (default 2)") Optional<Integer> vouches;
    @Option(names = "--quorum", paramLabel = "PCT", description = "share of members who must respond for a proposal to pass, 1 to 100 (default 50)")
    Optional<Integer> quorum;
    @Option(names = "--period", description = "the shortest time a proposal stays open: 1h to 90d, as 3600, 12h or 7d (default 7d)") Optional<String> period;
    @Option(names = "--referral", paramLabel = "TIME", description = "how long a member's urgent need stays unmatched before it is offered to linked communities: 1h to 90d (default 24h)")
    Optional<String> referral;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the community's id and the signed event") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Settings d = Settings.DEFAULTS;
        Event e;
        try {
            Settings s = new Settings(vouches.orElse(d.vouches()), quorum.orElse(d.quorumPercent()), period.map(CommunityCreateCommand::seconds).orElse(d.minPeriod()),
                    referral.map(CommunityCreateCommand::seconds).orElse(d.referAfter()));
            CommunityEvents.FoundingBuilder b = CommunityEvents.founding(name, purpose).settings(s).content(about.orElse(""));
            for (String a : agreements) {
                int eq = a.indexOf('=');
                if (eq < 1) throw new CliException(ExitCodes.USAGE, "--agreement is KEY=TEXT, e.g. no-resale=\"What we share is never sold on.\", got '" + a + "'");
                b.agreement(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
            }
            for (String l : languages) b.language(l.strip().toLowerCase(java.util.Locale.ROOT));
            area().ifPresent(b::area);
            e = b.sign(Keystore.open().unlock(), CommunityLink.now());
        } catch (CommunityException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage().replaceFirst("^community event [0-9a-f]{8}: ", ""));
        }
        NodeLink link = node.link();
        link.publish(e);
        CommunityActs.awaitCounted(link, e.id(), e.id());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("id", e.id().hex());
                g.writeFieldName("event");
                g.writeRawValue(e.toJson());
                g.writeEndObject();
            }));
        } else {
            String c = ShortRefs.nameCommunity(e.id().hex());
            out.println("founded \"" + name.strip() + "\" (" + c + " here); its id is " + e.id().hex());
            out.println("people ask to join with: mutual community join " + e.id().hex());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Optional<Geohash> area() {
        return Gazetteer.where(geohash, near, CommunityKinds.MAX_AREA);
    }

    /** 3600, 90m, 12h or 7d, in seconds. */
    static long seconds(String s) {
        var m = java.util.regex.Pattern.compile("([0-9]{1,9})([smhd]?)").matcher(s.strip());
        if (!m.matches()) throw new CliException(ExitCodes.USAGE, "a period is a number of seconds, or like 90m, 12h or 7d, got '" + s + "'");
        long n = Long.parseLong(m.group(1));
        return n * switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
    }
}
