package mutual.app.aid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.json.JsonOut;
import mutual.engine.aid.MatchRules;
import mutual.engine.aid.MatchState;
import mutual.engine.client.RelayClient;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual mine [--node URL] [--json]
 * </pre>
 * What you posted and where your matches stand, each with a short name (L1, M1) to use in the next
 * command instead of its long ref, the steps you can take now, and what changed since you last
 * looked. Needs no passphrase: it reads only public events.
 */
@Command(name = "mine", mixinStandardHelpOptions = true, description = "Your listings and matches with short names (L1, M1), next steps and what is new.")
public final class MineCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Mine(String name, Listing listing) {}

    record MatchLine(String name, String ref, String state, ListingType mySide, String mine, String theirs, boolean fresh, List<String> next) {}

    @Override
    public Integer call() {
        NodeLink link = node.link();
        PubKey me = Keystore.open().publicKey();
        ShortRefs.Saved before = ShortRefs.load();
        Map<String, String> names = new LinkedHashMap<>(), seen = new LinkedHashMap<>();
        List<Mine> listings = new ArrayList<>();
        for (Listing l : listings(link, me)) {
            Mine m = new Mine("L" + (listings.size() + 1), l);
            listings.add(m);
            names.put(m.name(), l.address().toString());
        }
        Map<String, String> nameOf = listings.stream().collect(Collectors.toMap(m -> m.listing().address().toString(), Mine::name));
        List<MatchLine> matches = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (Mine m : listings) {
            Map<String, Object> body = Tree.map(Tree.parse(link.get("/api/listings/" + NodeLink.pathPart(m.listing().address().toString()) + "/matches", Map.of())));
            for (Object o : Tree.list(body.get("history"))) {
                Map<String, Object> v = Tree.map(o);
                String ref = Tree.str(v, "ref");
                if (!done.add(ref)) continue;
                MatchLine line = line("M" + (matches.size() + 1), v, me, nameOf, link, before.seen());
                matches.add(line);
                names.put(line.name(), ref);
                seen.put(ref, state(v));
            }
        }
        before.names().forEach((k, v) -> {
            if (ShortRefs.isShort(k, 'P')) names.put(k, v); // community show's names stay
        });
        ShortRefs.save(new ShortRefs.Saved(Instant.now().getEpochSecond(), names, seen, before.messagesAt()));
        var out = spec.commandLine().getOut();
        if (json) out.println(json(listings, matches));
        else print(out, listings, matches, before);
        out.flush();
        return ExitCodes.OK;
    }

    private static List<Listing> listings(NodeLink link, PubKey me) {
        try (RelayClient c = link.connect()) {
            List<Event> events = c.query("mine", List.of(Filter.builder().kinds(AidKinds.LISTING).authors(me).build())).get(30, TimeUnit.SECONDS);
            List<Listing> out = new ArrayList<>();
            for (Event e : events) {
                try {
                    out.add(Listing.parse(e));
                } catch (AidException x) {
                    // a kind-30402 event that is not one of Mutual's listings
                }
            }
            out.sort(Comparator.comparingLong(Listing::createdAt).reversed());
            return out;
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            throw new CliException(ExitCodes.IO, "cannot read your listings from " + link.relayUrl() + ": " + NodeLink.reason(x));
        }
    }

    private static MatchLine line(String name, Map<String, Object> v, PubKey me, Map<String, String> nameOf, NodeLink link, Map<String, String> seenBefore) {
        String need = Tree.str(v, "need"), offer = Tree.str(v, "offer");
        ListingType side = Correspondent.author(need).equals(me) ? ListingType.NEED : ListingType.OFFER;
        String mine = side == ListingType.NEED ? need : offer, theirs = side == ListingType.NEED ? offer : need;
        MatchState state = MatchCommand.state(v);
        Set<ListingType> accepted = MatchCommand.accepted(v);
        List<String> next = new ArrayList<>();
        for (MatchAction a : List.of(MatchAction.ACCEPT, MatchAction.DECLINE, MatchAction.DONE, MatchAction.THANKS, MatchAction.FEEDBACK))
            if (MatchRules.refusal(state, accepted, Optional.of(side), a).isEmpty()) next.add(a.label());
        String title = title(link, theirs);
        return new MatchLine(name, Tree.str(v, "ref"), state.label(), side, nameOf.getOrDefault(mine, mine), title,
                !state(v).equals(seenBefore.get(Tree.str(v, "ref"))), next);
    }

    /** What a person would notice changing: the state and the number of steps the two people took (the node's suggestion aside). */
    private static String state(Map<String, Object> v) {
        long byPeople = Tree.list(v.get("steps")).stream().filter(s -> !"suggest".equals(Tree.str(Tree.map(s), "step"))).count();
        return Tree.str(v, "state") + ":" + byPeople;
    }

    private static String title(NodeLink link, String address) {
        try {
            Map<String, Object> l = Tree.map(Tree.parse(link.get("/api/listings/" + NodeLink.pathPart(address), Map.of())));
            return Tree.str(l, "type") + " \"" + Tree.str(l, "title") + "\"" + (l.containsKey("location") ? " in " + Tree.str(l, "location") : "");
        } catch (CliException x) {
            if (x.exitCode() != ExitCodes.INVALID) throw x;
            return "a listing the node no longer holds";
        }
    }

    private static void print(java.io.PrintWriter out, List<Mine> listings, List<MatchLine> matches, ShortRefs.Saved before) {
        if (listings.isEmpty()) {
            out.println("you have posted nothing yet; post a need or an offer with: mutual post need|offer --title … --category … --near PLACE");
            return;
        }
        out.println("Your listings:");
        for (Mine m : listings) {
            Listing l = m.listing();
            out.printf("  %-3s %-5s %-30s %-20s %s%n", m.name(), l.type().label(), "\"" + l.title() + "\"",
                    l.location().orElse(l.geohash().value()), l.status().label());
        }
        if (matches.isEmpty()) {
            out.println("No matches yet. See what fits one now with: mutual matches L1");
        } else {
            printMatches(out, matches, before);
        }
        out.println("Messages: mutual message list");
    }

    private static void printMatches(java.io.PrintWriter out, List<MatchLine> matches, ShortRefs.Saved before) {
        out.println(before.lookedAt() == 0 ? "Your matches (* new):"
                : "Your matches (* new or changed since you last looked, " + MessageReadCommand.when(before.lookedAt()) + "):");
        for (MatchLine m : matches) {
            out.printf("%s %-3s %-9s your %s %s ↔ %s%n", m.fresh() ? "*" : " ", m.name(), m.state(), m.mySide().label(), m.mine(), m.theirs());
            if (!m.next().isEmpty()) out.println("        next: mutual match " + String.join("|", m.next()) + " " + m.name()
                    + "   talk: mutual message send " + m.name() + " \"…\"");
        }
    }

    private static String json(List<Mine> listings, List<MatchLine> matches) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("listings");
            for (Mine m : listings) {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeStringField("ref", m.listing().address().toString());
                g.writeStringField("type", m.listing().type().label());
                g.writeStringField("title", m.listing().title());
                if (m.listing().location().isPresent()) g.writeStringField("location", m.listing().location().get());
                g.writeStringField("geohash", m.listing().geohash().value());
                g.writeStringField("status", m.listing().status().label());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("matches");
            for (MatchLine m : matches) {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeStringField("ref", m.ref());
                g.writeStringField("state", m.state());
                g.writeStringField("my_side", m.mySide().label());
                g.writeBooleanField("new", m.fresh());
                g.writeArrayFieldStart("next");
                for (String s : m.next()) g.writeString(s);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
