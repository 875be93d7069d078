package mutual.engine.mesh;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Every peer link of a node, kept equal to the configured peer list: {@link #apply} starts links
 * for new peers, stops removed ones and restarts changed ones, so a running node follows
 * configuration changes without a restart. New events of this node are offered to every link.
 */
public final class Mesh implements AutoCloseable {
    private final LocalNode local;
    private final Connector connector;
    private final Timer timer;
    private final Duration interval;
    private final RandomGenerator random;
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    /** The links as an immutable list, replaced on each change: read for every accepted event, without a lock or a copy. */
    private volatile List<PeerLink> current = List.of();
    private boolean closed;

    public Mesh(LocalNode local, Connector connector, Timer timer, Duration interval, RandomGenerator random) {
        this.local = local;
        this.connector = connector;
        this.timer = timer;
        this.interval = interval;
        this.random = random;
        local.addListener((event, source) -> {
            for (PeerLink l : current) l.offer(event, source);
        });
    }

    /** Makes the running links match {@code peers} (one per URL; a later entry for a URL wins). */
    public synchronized void apply(Collection<PeerSpec> peers) {
        if (closed) return;
        Map<String, PeerSpec> wanted = new LinkedHashMap<>();
        for (PeerSpec p : peers) wanted.put(p.url(), p);
        links.entrySet().removeIf(e -> {
            boolean gone = !e.getValue().spec().equals(wanted.get(e.getKey()));
            if (gone) e.getValue().stop();
            return gone;
        });
        for (PeerSpec p : wanted.values()) {
            if (links.containsKey(p.url())) continue;
            PeerLink link = new PeerLink(p, connector, local, timer, interval, random);
            links.put(p.url(), link);
            link.start();
        }
        current = List.copyOf(links.values());
    }

    /** Every link reconciles as soon as it can (see {@link PeerLink#syncSoon()}). */
    public void syncSoon() {
        for (PeerLink l : current) l.syncSoon();
    }

    public List<PeerLink> links() {
        return current;
    }

    public List<PeerStatus> status() {
        return links().stream().map(PeerLink::status).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        links.values().forEach(PeerLink::stop);
        links.clear();
        current = List.of();
    }
}
