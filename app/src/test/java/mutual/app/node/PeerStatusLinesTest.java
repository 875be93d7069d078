package mutual.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mutual.engine.mesh.Direction;
import mutual.engine.mesh.LinkState;
import mutual.engine.mesh.PeerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running node writes to peers.status is what {@code mutual peer list} reads back, lag included. */
class PeerStatusLinesTest {
    @TempDir
    Path data;

    @Test
    void aPeersLagSurvivesTheStatusFile() throws Exception {
        Instant behindSince = Instant.ofEpochSecond(1_750_000_000);
        PeerStatus p = new PeerStatus("ws://10.0.0.2:7447/", Direction.BOTH, "{}", LinkState.LIVE, Optional.of(behindSince.plusSeconds(5)),
                Optional.empty(), 12, 34, 1, "the peer refused x: rate-limited:\tslow\ndown", 7, Optional.of(behindSince));
        Files.writeString(data.resolve(PeerWatch.STATUS_FILE), PeerWatch.StatusLines.format(List.of(p)));
        PeerWatch.StatusLines.Row r = PeerWatch.StatusLines.read(data).getFirst();
        assertEquals("live", r.state());
        assertEquals(7, r.unconfirmed());
        assertEquals(42, r.secondsBehind(behindSince.plusSeconds(42)));
        assertEquals("the peer refused x: rate-limited: slow down", r.lastError());
        assertEquals(0, new PeerWatch.StatusLines.Row("u", "live", Optional.empty(), 0, 0, 0, "", "", 0, Optional.empty())
                .secondsBehind(behindSince), "a peer that has everything is 0 s behind");
    }
}
