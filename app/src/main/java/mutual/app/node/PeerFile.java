package mutual.app.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mutual.engine.mesh.Direction;
import mutual.engine.mesh.PeerSpec;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterJson;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/**
 * A node's peers, kept in {@code DATA/peers.conf}: one peer per line,
 * {@code URL [direction=up|down|both] [compression=on|off] [filter=JSON]} ({@code filter=} takes
 * the rest of the line),
 * with {@code #} comments. {@code mutual peer add|remove} edit it; a running node re-reads it
 * when it changes. Writes replace the file atomically, so a node never reads half of one.
 */
public final class PeerFile {
    public static final String NAME = "peers.conf";
    private static final String HEADER = """
            # Peers of this node, one per line: URL [direction=up|down|both] [compression=on|off] [filter=NIP-01 filter JSON]
            # Edited by `mutual peer add|remove`; a running node picks up changes within seconds.
            """;

    private PeerFile() {}

    public static Path in(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /** The peers in the file (none if it does not exist); throws {@link IllegalArgumentException} naming the bad line. */
    public static List<PeerSpec> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Map<String, PeerSpec> peers = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                PeerSpec p = parse(line);
                peers.put(p.url(), p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(peers.values());
    }

    static PeerSpec parse(String line) {
        String[] first = line.split("\\s+", 2);
        String url = first[0];
        String rest = first.length > 1 ? first[1].strip() : "";
        Direction direction = Direction.BOTH;
        boolean compress = true;
        Filter filter = Filter.builder().build();
        while (!rest.isEmpty()) {
            if (rest.startsWith("filter=")) {
                try {
                    filter = FilterJson.read(Json.create(Limits.defaults()), rest.substring("filter=".length()));
                } catch (DecodeException e) {
                    throw new IllegalArgumentException("filter is not a valid NIP-01 filter: " + e.getMessage());
                }
                break;
            }
            String[] parts = rest.split("\\s+", 2);
            if (parts[0].startsWith("direction=")) direction = Direction.parse(parts[0].substring("direction=".length()));
            else if (parts[0].startsWith("compression=")) compress = onOff(parts[0].substring("compression=".length()));
            else throw new IllegalArgumentException("unknown field '" + parts[0] + "' (expected direction=, compression= or filter=)");
            rest = parts.length > 1 ? parts[1].strip() : "";
        }
        return new PeerSpec(url, filter, direction, compress);
    }

    private static boolean onOff(String v) {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("compression is on or off, not '" + v + "'");
        };
    }

    static String format(PeerSpec p) {
        return p.url() + " direction=" + p.direction().label() + (p.compress() ? "" : " compression=off") + " filter=" + p.filterJson();
    }

    /** Adds {@code peer}, replacing an entry with the same URL; returns whether one was replaced. */
    public static boolean add(Path file, PeerSpec peer) throws IOException {
        List<PeerSpec> peers = new ArrayList<>(read(file));
        boolean replaced = peers.removeIf(p -> p.url().equals(peer.url()));
        peers.add(peer);
        write(file, peers);
        return replaced;
    }

    /** Removes the peer with this URL; returns whether there was one. */
    public static boolean remove(Path file, String url) throws IOException {
        String u = PeerSpec.checkUrl(url);
        List<PeerSpec> peers = new ArrayList<>(read(file));
        boolean removed = peers.removeIf(p -> p.url().equals(u));
        if (removed) write(file, peers);
        return removed;
    }

    private static void write(Path file, List<PeerSpec> peers) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (PeerSpec p : peers) sb.append(format(p)).append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = mutual.store.OwnerOnly.file(file.resolveSibling(file.getFileName() + ".tmp"));
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
