package mutual.app.aid;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.json.JsonOut;

/**
 * The short names that {@code mutual mine} hands out (L1 for a listing, M1 for a match),
 * {@code mutual community show} hands out (P1 for a proposal) and {@code mutual community list}
 * and {@code create} hand out (C1 for a community), so a
 * person types {@code mutual match accept M1} instead of a 64-character ref; and what they had
 * seen when they last looked, so the next look can say what is new. Kept in
 * $MUTUAL_HOME/mine.json; a name means what the latest {@code mutual mine} showed.
 */
final class ShortRefs {
    static final String FILE = "mine.json";

    /**
     * @param names      short name → full ref
     * @param seen       match ref → what was seen of it (state and number of steps)
     * @param messagesAt the time of the newest message already shown
     */
    record Saved(long lookedAt, Map<String, String> names, Map<String, String> seen, long messagesAt) {
        static Saved empty() {
            return new Saved(0, Map.of(), Map.of(), 0);
        }

        Saved withMessagesAt(long t) {
            return new Saved(lookedAt, names, seen, Math.max(messagesAt, t));
        }
    }

    private ShortRefs() {}

    static Saved load() {
        Path f = CliEnv.home().resolve(FILE);
        if (!Files.isRegularFile(f)) return Saved.empty();
        try {
            Map<String, Object> m = Tree.map(Tree.parse(Files.readString(f)));
            return new Saved(number(m.get("looked_at")), strings(m.get("names")), strings(m.get("seen")), number(m.get("messages_at")));
        } catch (IOException | RuntimeException e) {
            return Saved.empty(); // a damaged file only loses the short names, which the next look hands out again
        }
    }

    static void save(Saved s) {
        String json = JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField("looked_at", s.lookedAt());
            g.writeNumberField("messages_at", s.messagesAt());
            map(g, "names", s.names());
            map(g, "seen", s.seen());
            g.writeEndObject();
        });
        try {
            Files.createDirectories(CliEnv.home());
            Files.writeString(CliEnv.home().resolve(FILE), json + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot write " + CliEnv.home().resolve(FILE) + ": " + e.getMessage());
        }
    }

    /** A match's full ref from a short name (M1) or the ref itself. */
    static String match(String given) {
        return resolve(given, 'M', "[0-9a-f]{64}", "a match is named by its short name from mutual mine (M1) or its 64-character ref");
    }

    /** A listing's full ref from a short name (L1), or the naddr or address itself. */
    static String listing(String given) {
        return resolve(given, 'L', "(naddr1|30402:).*", "a listing is named by its short name from mutual mine (L1), an naddr1… or 30402:<pubkey>:<d>");
    }

    /** A proposal's id from a short name (P1, from the last mutual community show) or the id itself. */
    static String proposal(String given) {
        return resolve(given, 'P', "[0-9a-fA-F]{64}", "a proposal is named by its short name from mutual community show (P1) or its 64-character id");
    }

    /** Names P1, P2… the proposals just shown, keeping the other names (L, M, C) as they were. */
    static void nameProposals(java.util.List<String> ids) {
        nameAll('P', ids);
    }

    /** Names C1, C2… the communities just listed, keeping the other names as they were. */
    static void nameCommunities(java.util.List<String> ids) {
        nameAll('C', ids);
    }

    /** The short name of community {@code id}: the one it has, or the next free C number, kept from now on. */
    static String nameCommunity(String id) {
        return nameOne('C', id);
    }

    /** The short name of guide {@code ref} (G1), as {@link #nameCommunity}. */
    static String nameGuide(String ref) {
        return nameOne('G', ref);
    }

    /** Names G1, G2… the guides just listed, keeping the other names as they were. */
    static void nameGuides(java.util.List<String> refs) {
        nameAll('G', refs);
    }

    /** A guide's address from its short name (G1, from mutual guide list) or the address itself. */
    static String guide(String given) {
        return resolve(given, 'G', "30023:[0-9a-f]{64}:.+", "a guide is named by its short name from mutual guide list (G1) or 30023:<pubkey>:<d>");
    }

    private static String nameOne(char prefix, String ref) {
        Saved s = load();
        int next = 1;
        for (var e : s.names().entrySet()) {
            if (!isShort(e.getKey(), prefix)) continue;
            if (e.getValue().equals(ref)) return e.getKey();
            next = Math.max(next, Integer.parseInt(e.getKey().substring(1)) + 1);
        }
        Map<String, String> names = new LinkedHashMap<>(s.names());
        names.put(prefix + String.valueOf(next), ref);
        save(new Saved(s.lookedAt(), names, s.seen(), s.messagesAt()));
        return prefix + String.valueOf(next);
    }

    /** A community's id from its short name (C1), or empty when {@code given} is not a short name. */
    static java.util.Optional<String> community(String given) {
        if (!isShort(given, 'C')) return java.util.Optional.empty();
        return java.util.Optional.of(resolve(given, 'C', "[0-9a-f]{64}", ""));
    }

    private static void nameAll(char prefix, java.util.List<String> ids) {
        Saved s = load();
        Map<String, String> names = new LinkedHashMap<>();
        s.names().forEach((k, v) -> {
            if (!isShort(k, prefix)) names.put(k, v);
        });
        for (int i = 0; i < ids.size(); i++) names.put(prefix + String.valueOf(i + 1), ids.get(i));
        save(new Saved(s.lookedAt(), names, s.seen(), s.messagesAt()));
    }

    static boolean isShort(String given, char prefix) {
        return given.strip().toUpperCase(Locale.ROOT).matches(prefix + "[0-9]+");
    }

    private static String resolve(String given, char prefix, String fullPattern, String usage) {
        String g = given.strip();
        if (isShort(g, prefix)) {
            String name = g.toUpperCase(Locale.ROOT);
            String ref = load().names().get(name);
            if (ref == null) throw new CliException(ExitCodes.USAGE, "no " + name + " in the last " + switch (prefix) {
                case 'P' -> "mutual community show; run it to see the names";
                case 'C' -> "mutual community list; run it to see the names";
                case 'G' -> "mutual guide list; run it to see the names";
                default -> "mutual mine; run mutual mine to see the names";
            });
            return ref;
        }
        if (!g.matches(fullPattern)) throw new CliException(ExitCodes.USAGE, "'" + given + "' is not known: " + usage);
        return g;
    }

    private static void map(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (var e : m.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    private static long number(Object o) {
        return o == null ? 0 : (long) Double.parseDouble(o.toString());
    }
}
