package mutual.protocol.negentropy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mutual.protocol.event.EventId;

/** Runs our client against our server in memory to completion, recording what crossed the wire. */
record Sync(int rounds, long bytesUp, long bytesDown, int largestMessage, Set<EventId> have, Set<EventId> need,
            int haveReports, int needReports) {
    static Sync run(NegentropyStorage clientSet, NegentropyStorage serverSet, int frameSizeLimit, int maxRounds) {
        return run(clientSet, serverSet, frameSizeLimit, maxRounds, true);
    }

    /** As above; {@code checkShapes} re-parses every message to check {@link #checkShape} (off when timing). */
    static Sync run(NegentropyStorage clientSet, NegentropyStorage serverSet, int frameSizeLimit, int maxRounds, boolean checkShapes) {
        return run(clientSet, serverSet, frameSizeLimit, frameSizeLimit, 0, maxRounds, checkShapes);
    }

    /** With each side's own frame limit, and the client's {@link NegentropyConfig#pace()}. */
    static Sync run(NegentropyStorage clientSet, NegentropyStorage serverSet, int clientFrameLimit, int serverFrameLimit, int pace,
                    int maxRounds, boolean checkShapes) {
        NegentropyConfig cfg = NegentropyConfig.defaults()
                .withLimits(new NegentropyLimits(Integer.MAX_VALUE - 8, Integer.MAX_VALUE, Integer.MAX_VALUE));
        NegentropyClient client = Negentropy.client(clientSet, cfg.withFrameSizeLimit(clientFrameLimit).withPace(pace));
        NegentropyServer server = Negentropy.server(serverSet, cfg.withFrameSizeLimit(serverFrameLimit));
        byte[] msg = client.initiate();
        long up = 0, down = 0;
        int rounds = 0, largest = 0, haveReports = 0, needReports = 0;
        Set<EventId> have = new LinkedHashSet<>(), need = new LinkedHashSet<>();
        while (true) {
            if (++rounds > maxRounds) throw new AssertionError("no end after " + maxRounds + " rounds");
            if (checkShapes) checkShape(msg);
            up += msg.length;
            largest = Math.max(largest, msg.length);
            byte[] reply = server.reconcile(msg);
            if (checkShapes) checkShape(reply);
            down += reply.length;
            largest = Math.max(largest, reply.length);
            ClientStep step = client.reconcile(reply);
            have.addAll(step.have());
            need.addAll(step.need());
            haveReports += step.have().size();
            needReports += step.need().size();
            if (step.isDone()) break;
            msg = step.next().orElseThrow();
        }
        return new Sync(rounds, up, down, largest, have, need, haveReports, needReports);
    }

    /**
     * Skips are written only before a range that needs an answer, and are dropped with it when
     * it does not fit the frame (as the reference implementations do); so a Skip is never last,
     * never doubled, and never directly before the infinity Fingerprint that closes a cut message.
     */
    static void checkShape(byte[] message) {
        List<Range> ranges = Message.parse(message, new NegentropyLimits(Integer.MAX_VALUE - 8, Integer.MAX_VALUE, Integer.MAX_VALUE)).ranges();
        for (int i = 0; i < ranges.size(); i++) {
            if (!(ranges.get(i).mode() instanceof RangeMode.Skip)) continue;
            if (i == ranges.size() - 1) throw new AssertionError("message ends with a Skip");
            Range next = ranges.get(i + 1);
            if (next.mode() instanceof RangeMode.Skip) throw new AssertionError("two Skips in a row");
            if (next.upper().isInfinity() && next.mode() instanceof RangeMode.FingerprintOf) {
                throw new AssertionError("a Skip kept before the closing Fingerprint of a cut message");
            }
        }
    }

    /** Ids in {@code a} and not in {@code b}, by brute force. */
    static Set<EventId> minus(NegentropyStorage a, NegentropyStorage b) {
        Set<EventId> in = new LinkedHashSet<>();
        for (int i = 0; i < b.size(); i++) in.add(b.id(i));
        List<EventId> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) if (!in.contains(a.id(i))) out.add(a.id(i));
        return new LinkedHashSet<>(out);
    }
}
