package mutual.app.aid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.client.RelayClient;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.CommunityKinds;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.CommunityRules;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;

/**
 * What the community commands share: reading a community's events from the node, checking a
 * signed act with {@link CommunityRules#whyIgnored} before it is published, and saying a refusal
 * in words (docs/protocol.md, "Communities").
 */
final class CommunityLink {
    /** How a command's help says a community is named. */
    static final String NAMED = "the community: C1 (from mutual community list or create), its name, or its id (64 hex characters)";
    /** Events asked for at a time; at most a relay's usual max_limit (500 here). */
    private static final int PAGE = 500;

    private CommunityLink() {}

    /** The time the commands sign at: $MUTUAL_NOW (unix seconds; tests and replays), else the clock. */
    static long now() {
        return CliEnv.get("mutual.now", "MUTUAL_NOW").map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException x) {
                throw new CliException(ExitCodes.USAGE, "MUTUAL_NOW must be a unix time in seconds, got '" + v + "'");
            }
        }).orElseGet(() -> Instant.now().getEpochSecond());
    }

    static EventId id(String s, String what) {
        return EventId.fromHex(s.strip().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                what + " is the id of its event, 64 hex characters (from mutual community show), got '" + s + "'"));
    }

    /**
     * A community named as a person would: its short name (C1, from mutual community list or
     * create), its id, or its name when exactly one community the node holds has it.
     */
    static EventId community(String given, NodeLink link) {
        String g = given.strip();
        Optional<String> shortName = ShortRefs.community(g);
        if (shortName.isPresent()) return id(shortName.get(), "a community");
        if (g.matches("[0-9a-fA-F]{64}")) return id(g, "a community");
        if (g.isEmpty() || g.length() > 100) throw new CliException(ExitCodes.USAGE, "a community is named by C1 (from mutual community list), its id or its name");
        List<Object> found = Tree.list(Tree.map(Tree.parse(link.get("/api/communities", Map.of("name", g)))).get("communities"));
        if (found.size() == 1) return id(Tree.str(Tree.map(found.getFirst()), "id"), "a community");
        if (found.isEmpty()) throw new CliException(ExitCodes.INVALID, "no community named \"" + g + "\" is known at " + link.relayUrl()
                + "; mutual community list shows those it holds");
        StringBuilder ids = new StringBuilder();
        for (Object o : found) ids.append("\n  ").append(Tree.str(Tree.map(o), "id"));
        throw new CliException(ExitCodes.INVALID, found.size() + " communities are named \"" + g + "\"; say which by its id (or its C name from mutual community list):" + ids);
    }

    static PubKey person(String s) {
        if (s.startsWith("npub1")) {
            try {
                if (Nip19.decode(s) instanceof Entity.Npub n) return n.pubkey();
            } catch (RuntimeException x) {
                // fall through to the message below
            }
        }
        return PubKey.fromHex(s).orElseThrow(() -> new CliException(ExitCodes.USAGE, "a person is an npub1... or 64 hex characters, got '" + s + "'"));
    }

    /** The community's tally as the node's API serves it. */
    static Map<String, Object> tally(NodeLink link, EventId community) {
        return Tree.map(Tree.parse(link.get("/api/communities/" + community.hex(), Map.of())));
    }

    /**
     * Every event of the community the node holds, parsed, read newest first a page at a time (a
     * relay answers at most its {@code max_limit} per filter); events that do not parse are left
     * out, as the tally leaves them.
     */
    static List<CommunityEvent> history(NodeLink link, EventId community) {
        java.util.Map<EventId, Event> raw = new java.util.LinkedHashMap<>();
        try (RelayClient c = link.connect()) {
            for (Event e : c.query("founding", List.of(Filter.builder().ids(community).build())).get(30, TimeUnit.SECONDS)) raw.put(e.id(), e);
            long until = Long.MAX_VALUE;
            while (true) {
                var f = Filter.builder().kinds(CommunityKinds.MEMBER, CommunityKinds.PROPOSAL, CommunityKinds.RESPONSE).tag('e', community.hex()).limit(PAGE);
                if (until != Long.MAX_VALUE) f.until(until);
                List<Event> page = c.query("community", List.of(f.build())).get(30, TimeUnit.SECONDS);
                int fresh = 0;
                long oldest = until;
                for (Event e : page) {
                    if (raw.putIfAbsent(e.id(), e) == null) fresh++;
                    oldest = Math.min(oldest, e.createdAt());
                }
                if (fresh == 0) break; // whatever the relay's max_limit, a page with nothing new is the end
                until = oldest; // the oldest second again: events of that second beyond the page come now
            }
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            throw new CliException(ExitCodes.IO, "cannot read the community from " + link.relayUrl() + ": " + NodeLink.reason(x));
        }
        List<CommunityEvent> out = new ArrayList<>();
        for (Event e : raw.values()) {
            try {
                out.add(CommunityParser.parse(e));
            } catch (CommunityException x) {
                // not part of any tally
            }
        }
        if (out.stream().noneMatch(e -> e.id().equals(community)))
            throw new CliException(ExitCodes.INVALID, "no community " + community.hex() + " is known at " + link.relayUrl() + " (its founding event is not held there)");
        return out;
    }

    /** Publishes {@code e} if it would count; otherwise refuses in words, with nothing sent. */
    static void publishIfItCounts(NodeLink link, List<CommunityEvent> history, Event e, String what, String community) {
        CommunityEvent ce = CommunityParser.parse(e);
        Optional<String> why = CommunityRules.whyIgnored(history, ce);
        if (why.isPresent()) throw new CliException(ExitCodes.INVALID, what + " not sent: " + words(why.get(), ce, history, community));
        link.publish(e);
    }

    static String name(List<CommunityEvent> history, EventId community) {
        for (CommunityEvent e : history)
            if (e instanceof mutual.protocol.community.Founding f && f.id().equals(community)) return "\"" + f.name() + "\"";
        return community.hex().substring(0, 8);
    }

    /** The tally's reason, said to the person who would have signed. */
    private static String words(String reason, CommunityEvent ce, List<CommunityEvent> history, String community) {
        String act = ce instanceof mutual.protocol.community.MemberAct m ? "a " + m.act().label()
                : ce instanceof mutual.protocol.community.Proposal ? "a proposal" : "a response";
        return switch (reason) {
            case "vouch by a non-member", "unvouch by a non-member", "proposed by a non-member" ->
                    "you are not a member of " + community + ": " + act + " needs a member";
            case "response by someone outside the electorate" ->
                    "you were not a member of " + community + " when this proposal was made, so you do not respond to it";
            case "response after the close" -> {
                long at = history.stream().filter(h -> h instanceof mutual.protocol.community.Proposal p && ce instanceof mutual.protocol.community.Response r
                        && p.id().equals(r.proposal())).mapToLong(h -> ((mutual.protocol.community.Proposal) h).closesAt()).findFirst().orElse(0);
                yield "this proposal closed at " + Instant.ofEpochSecond(at);
            }
            case "vouch for a member" -> "they are already a member of " + community;
            case "join by a member" -> "you are already a member of " + community;
            case "join by someone who has already joined" -> "you already asked to join " + community + "; now members vouch for you";
            case "leave by someone who is not a member" -> "you are not a member of " + community;
            default -> reason;
        };
    }
}
