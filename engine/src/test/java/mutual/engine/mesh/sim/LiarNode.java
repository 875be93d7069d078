package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.VectorStorage;
import mutual.protocol.wire.ClientMessage;

/**
 * A lying peer. As a relay ({@link LiarSession}) it claims ids it has no event for, answers
 * fetches with forgeries, sometimes sends garbage negentropy messages, NEG-ERR, or nothing at
 * all, and pushes forged events down live subscriptions. As a client it raids honest nodes,
 * publishing forgeries and opening syncs with garbage. It never hands out a genuine event, so it
 * cannot help the honest nodes converge and hide a fault of theirs; all it can do is harm.
 */
final class LiarNode implements Endpoint {
    private final World world;
    private final String name;
    private final String url;
    private final SecretKey key;
    /** What honest nodes sent it (it keeps their ids, to claim them and to forge events under them). */
    private final Map<EventId, Event> heard = new TreeMap<>();
    /** Ids it claims to have, with the timestamps it claims for them; no event has them. */
    private final Map<EventId, Long> fakes = new TreeMap<>();
    private final Set<LiarSession> sessions = new LinkedHashSet<>();
    private final List<String> targets = new ArrayList<>();
    private boolean up;
    private int incarnation;

    LiarNode(World world, String name) {
        this.world = world;
        this.name = name;
        this.url = "ws://" + name + ".sim/";
        this.key = SimEvents.key(world.random);
        long base = VirtualTime.EPOCH.getEpochSecond();
        int n = 5 + world.random.nextInt(20);
        for (int i = 0; i < n; i++) fakes.put(SimEvents.randomId(world.random), base - 6 * 3600 + world.random.nextLong(8 * 3600));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public int incarnation() {
        return incarnation;
    }

    World world() {
        return world;
    }

    /** An honest node this liar raids. */
    void addTarget(String url) {
        targets.add(url);
    }

    void start() {
        if (up) return;
        up = true;
        int life = ++incarnation;
        world.time.after(world.upTo(60_000), () -> raid(life));
        world.time.after(world.upTo(30_000), () -> push(life));
    }

    void crash() {
        if (!up) return;
        up = false;
        world.stats.crashes++;
        world.network.cutAll(this);
    }

    @Override
    public ServerSession accept(SimConnection connection) {
        LiarSession s = new LiarSession(this, connection);
        sessions.add(s);
        return s;
    }

    void closed(LiarSession s) {
        sessions.remove(s);
    }

    void heard(Event e) {
        heard.putIfAbsent(e.id(), e);
    }

    boolean claims(EventId id) {
        return heard.containsKey(id) || fakes.containsKey(id);
    }

    /** The set this liar reconciles with: every id it heard of plus its fake ones. */
    VectorStorage claimedSet(Filter filter) {
        VectorStorage.Builder b = VectorStorage.builder();
        for (Event e : heard.values()) if (filter.matches(e)) b.add(e.createdAt(), e.id());
        for (Map.Entry<EventId, Long> f : fakes.entrySet()) b.add(f.getValue(), f.getKey());
        return b.seal();
    }

    /** A forged event carrying {@code id}: a tampered copy of what it heard, or a fabrication. */
    Event forgeryOf(EventId id) {
        world.stats.forgeriesSent++;
        Event genuine = heard.get(id);
        if (genuine != null) return SimEvents.tampered(genuine);
        long at = fakes.getOrDefault(id, world.time.epochSecond());
        return SimEvents.fabricated(id, at, key.publicKey(), world.random);
    }

    /** Any forged event: tampered, fabricated under a fake id, or validly hashed but wrongly signed. */
    Event forgery() {
        int pick = world.random.nextInt(3);
        if (pick == 0 && !heard.isEmpty()) return forgeryOf(randomOf(new ArrayList<>(heard.keySet())));
        if (pick == 1 && !heard.isEmpty()) {
            world.stats.forgeriesSent++;
            return SimEvents.missigned(key, world.time.epochSecond() - world.upTo(3600), heard.values().iterator().next(), world.random);
        }
        return forgeryOf(randomOf(new ArrayList<>(fakes.keySet())));
    }

    <T> T randomOf(List<T> items) {
        return items.get(world.random.nextInt(items.size()));
    }

    /** Now and then, forged events down every live subscription it serves. */
    private void push(int life) {
        if (!up || incarnation != life) return;
        for (LiarSession s : List.copyOf(sessions)) s.pushForgery();
        world.time.after(15_000 + world.upTo(45_000), () -> push(life));
    }

    /** Now and then, connects to an honest node to publish forgeries and open a sync with garbage. */
    private void raid(int life) {
        if (!up || incarnation != life) return;
        world.time.after(20_000 + world.upTo(100_000), () -> raid(life));
        if (targets.isEmpty()) return;
        world.network.connect(this, randomOf(targets)).whenComplete((ch, e) -> {
            if (ch == null) return;
            int n = 1 + world.random.nextInt(4);
            for (int i = 0; i < n; i++) ch.publish(forgery());
            if (world.chance(0.5)) ch.negentropy(new ClientMessage.NegOpen("raid", Filter.builder().build(), LiarSession.garbage(world)));
            world.time.after(500 + world.upTo(5_000), ch::close);
        });
    }
}
