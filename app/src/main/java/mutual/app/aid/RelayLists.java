package mutual.app.aid;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventReader;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import mutual.protocol.relays.RelayList;

/**
 * A person's relay lists, the outbox model's address book: NIP-65's kind 10002 (the relays they
 * write to and read from, {@code r} tags) and NIP-17's kind 10050 (where they want private
 * messages, {@code relay} tags). The newest seen of each is kept per person in
 * $MUTUAL_HOME/relays/HEX.jsonl, so the CLI still knows where someone lives when the node it
 * asked first is gone.
 */
final class RelayLists {
    static final int OUTBOX = RelayList.OUTBOX, INBOX = RelayList.DM_INBOX;
    private static final Json JSON = Json.create(Limits.defaults());

    /** One person's lists; either may be absent. */
    record Lists(Optional<Event> outbox, Optional<Event> inbox) {
        static final Lists NONE = new Lists(Optional.empty(), Optional.empty());

        List<String> relays() {
            return outbox.map(RelayLists::urls).orElse(List.of());
        }

        List<String> dm() {
            return inbox.map(RelayLists::urls).orElse(List.of());
        }

        /**
         * The {@code created_at} for the next version of these lists: now, or one second after the
         * newest known version. Replaceable events of the same second are settled by the lowest id
         * (NIP-01), so a list written in the second of the last one could lose to it by chance.
         */
        long next(long now) {
            long newest = Math.max(outbox.map(Event::createdAt).orElse(0L), inbox.map(Event::createdAt).orElse(0L));
            return Math.max(now, newest + 1);
        }

        /** Where to send them a message: their DM relays, else their relays (NIP-17 asks for the first). */
        List<String> inboxOrRelays() {
            return dm().isEmpty() ? relays() : dm();
        }

        Lists newer(Lists o) {
            return new Lists(newest(outbox, o.outbox), newest(inbox, o.inbox));
        }

        List<Event> events() {
            List<Event> out = new ArrayList<>();
            outbox.ifPresent(out::add);
            inbox.ifPresent(out::add);
            return out;
        }
    }

    private RelayLists() {}

    static Event outbox(SecretKey key, Collection<String> relays, long now) {
        EventBuilder b = EventBuilder.create(OUTBOX, now);
        for (String r : relays) b.tag("r", r);
        return b.sign(key);
    }

    static Event inbox(SecretKey key, Collection<String> relays, long now) {
        EventBuilder b = EventBuilder.create(INBOX, now);
        for (String r : relays) b.tag("relay", r);
        return b.sign(key);
    }

    /** The relay URLs a list names, in its order, each once (a 10002 {@code r} tag's read/write marker is not told apart). */
    static List<String> urls(Event e) {
        return RelayList.of(e).map(RelayList::all).orElse(List.of());
    }

    /** The lists of {@code who} that the node holds, remembered with those already known; a node that does not answer adds nothing. */
    static Lists lookUp(String relay, PubKey who) {
        return ask(relay, who).orElseGet(() -> remembered(who));
    }

    /** As {@link #lookUp}, empty when the node does not answer (then only {@link #remembered} knows). */
    static Optional<Lists> ask(String relay, PubKey who) {
        try (RelayClient c = RelayClient.connect(URI.create(relay), Duration.ofSeconds(10))) {
            List<Event> got = c.query("relay-lists", List.of(Filter.builder().kinds(OUTBOX, INBOX).authors(who).build())).get(30, TimeUnit.SECONDS);
            Lists all = remembered(who).newer(of(got.stream().filter(e -> e.pubkey().equals(who) && EventCheck.isValid(e)).toList()));
            remember(who, all);
            return Optional.of(all);
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            return Optional.empty();
        }
    }

    /** The keys {@code who} has named as their next one (NIP-41 kind 1776, signed by {@code who}), newest first; empty when unknown. */
    static List<PubKey> namedSuccessors(String relay, PubKey who) {
        try (RelayClient c = RelayClient.connect(URI.create(relay), Duration.ofSeconds(10))) {
            List<Event> got = c.query("successors", List.of(Filter.builder().kinds(IdMigrateCommand.NOTICE).authors(who).limit(20).build())).get(30, TimeUnit.SECONDS);
            LinkedHashSet<PubKey> out = new LinkedHashSet<>();
            got.stream().filter(e -> e.pubkey().equals(who) && EventCheck.isValid(e)).sorted(Comparator.comparingLong(Event::createdAt).reversed())
                    .forEach(e -> e.firstTagValue("p").flatMap(PubKey::fromHex).ifPresent(out::add));
            return List.copyOf(out);
        } catch (Exception x) {
            return List.of();
        }
    }

    static Lists of(Collection<Event> events) {
        Optional<Event> out = Optional.empty(), in = Optional.empty();
        for (Event e : events) {
            if (e.kind() == OUTBOX) out = newest(out, Optional.of(e));
            else if (e.kind() == INBOX) in = newest(in, Optional.of(e));
        }
        return new Lists(out, in);
    }

    private static Optional<Event> newest(Optional<Event> a, Optional<Event> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        // NIP-01: the newest wins, and of two in the same second the one with the lowest id, as relays keep it.
        Comparator<Event> newer = Comparator.comparingLong(Event::createdAt).thenComparing((Event e) -> e.id().hex(), Comparator.reverseOrder());
        return newer.compare(a.get(), b.get()) >= 0 ? a : b;
    }

    /** The lists last seen or written for {@code who} on this device. */
    static Lists remembered(PubKey who) {
        Path f = file(who);
        if (!Files.exists(f)) return Lists.NONE;
        try {
            List<Event> events = new ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) continue;
                Event e = EventReader.read(JSON, line);
                if (e.pubkey().equals(who) && EventCheck.isValid(e)) events.add(e);
            }
            return of(events);
        } catch (IOException | RuntimeException x) {
            return Lists.NONE; // a damaged cache is only a cache: the lists are fetched again
        }
    }

    static void remember(PubKey who, Lists lists) {
        if (lists.events().isEmpty()) return;
        Path f = file(who);
        try {
            Files.createDirectories(f.getParent());
            StringBuilder s = new StringBuilder();
            for (Event e : lists.events()) s.append(e.toJson()).append('\n');
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, s);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException x) {
            throw new CliException(ExitCodes.IO, "cannot write " + f + ": " + x.getMessage());
        }
    }

    private static Path file(PubKey who) {
        return CliEnv.home().resolve("relays").resolve(who.hex() + ".jsonl");
    }

    /**
     * Publishes both lists to every one of {@code targets} (each once) and remembers them; one
     * delivery per relay, whether it took them or why not.
     */
    static List<Messages.Delivery> publish(PubKey who, Lists lists, Collection<String> targets) {
        remember(who, remembered(who).newer(lists));
        List<Messages.Delivery> out = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (String t : targets) {
            if (contains(done, t)) continue;
            done.add(t);
            try (RelayClient c = RelayClient.connect(URI.create(t), Duration.ofSeconds(10))) {
                String refused = "";
                for (Event e : lists.events()) {
                    var ok = c.publish(e).get(30, TimeUnit.SECONDS);
                    if (!ok.accepted() && !ok.message().startsWith("duplicate:")) refused = ok.message();
                }
                out.add(new Messages.Delivery(t, refused.isEmpty(), refused.isEmpty() ? "stored" : refused));
            } catch (Exception x) {
                out.add(new Messages.Delivery(t, false, NodeLink.reason(x)));
            }
        }
        return out;
    }

    /**
     * When a person first publishes through a node their relay list does not name, adds it to both
     * lists and publishes them there (and to the relays already listed). Returns the node's URL
     * when it was added.
     */
    static Optional<String> ensureListed(NodeLink link, SecretKey me, long now) {
        Lists known = lookUp(link.relayUrl(), me.publicKey());
        if (contains(known.relays(), link.relayUrl())) return Optional.empty();
        List<String> relays = new ArrayList<>(known.relays());
        relays.add(link.relayUrl());
        List<String> dm = new ArrayList<>(known.dm());
        if (!contains(dm, link.relayUrl())) dm.add(link.relayUrl());
        long at = known.next(now);
        Lists next = new Lists(Optional.of(outbox(me, relays, at)), Optional.of(inbox(me, dm, at)));
        publish(me.publicKey(), next, relays);
        return Optional.of(link.relayUrl());
    }

    /** The same relay, ignoring a trailing slash. */
    static boolean same(String a, String b) {
        return strip(a).equals(strip(b));
    }

    static String strip(String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    static boolean contains(List<String> relays, String url) {
        return relays.stream().anyMatch(r -> same(r, url));
    }
}
