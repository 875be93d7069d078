package mutual.engine.mesh;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.InstantSource;
import java.util.List;

/**
 * Each peer's lag at {@code /metrics}: events streamed and not yet confirmed, and seconds behind,
 * one series per peer URL. Peers come and go at runtime, so the series are rewritten from the
 * mesh's status before each scrape ({@link #refresh()}).
 */
public final class PeerMeters {
    private final Mesh mesh;
    private final InstantSource clock;
    private final MultiGauge unconfirmed;
    private final MultiGauge behind;

    public PeerMeters(Mesh mesh, InstantSource clock, MeterRegistry registry) {
        this.mesh = mesh;
        this.clock = clock;
        this.unconfirmed = MultiGauge.builder("mutual.peer.unconfirmed")
                .description("Events streamed to the peer whose OK has not come yet").register(registry);
        this.behind = MultiGauge.builder("mutual.peer.behind.seconds")
                .description("Seconds since the oldest event the peer may still lack (0 when it has everything)").register(registry);
    }

    public void refresh() {
        List<PeerStatus> peers = mesh.status();
        var now = clock.instant();
        unconfirmed.register(peers.stream().map(p -> MultiGauge.Row.of(Tags.of("peer", p.url()), p.unconfirmed())).toList(), true);
        behind.register(peers.stream().map(p -> MultiGauge.Row.of(Tags.of("peer", p.url()), p.secondsBehind(now))).toList(), true);
    }
}
