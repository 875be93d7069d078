package mutual.engine.mesh.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import mutual.protocol.negentropy.Message;
import mutual.protocol.negentropy.NegentropyLimits;

/** Counters of one simulation run, for its summary line and its trace. */
final class SimStats {
    long messages;
    /** JSON bytes on the wire; left out of the trace (subscription ids carry a process-wide counter). */
    long bytes;
    long connects;
    long connectFailures;
    long messagesLost;
    long connectionsCut;
    long crashes;
    long partitions;
    long syncsOpened;
    long negentropyErrors;
    long published;
    long publishedAcked;
    long stored;
    long forgeriesSent;
    long forgeriesRejected;
    long liarSilences;
    long reconfigurations;
    /** Older versions answered as duplicates, and deleted events refused. */
    long olderVersions;
    long deletedRefused;
    /** EVENTs refused because their connection had too many awaiting an OK, and by a busy ingest. */
    long refusedInFlight;
    long refusedBusy;
    /** Events of the calm burst after the heal, and those that reached every backbone node in time. */
    long burst;
    long burstOnTime;
    /** Negentropy messages honest nodes wrote that do not read back as written; left out of the trace. */
    long unreadableWritten;
    String firstUnreadable = "";

    /**
     * Checks a negentropy message an honest node wrote: the peer must read exactly what was written
     * (issue 15: a reply with a range after infinity was refused by a strict reader, and is dropped
     * by a lenient one; either way the two sides disagreed).
     */
    void written(String who, byte[] message) {
        String problem;
        try {
            byte[] readBack = Message.parse(message, NegentropyLimits.defaults()).toBytes();
            if (Arrays.equals(readBack, message)) return;
            problem = "it reads back as " + readBack.length + " bytes";
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        if (unreadableWritten++ == 0) firstUnreadable = who + " wrote " + message.length + " bytes: " + problem;
    }

    /** Every counter that is a pure function of the seed, by name, in a fixed order. */
    Map<String, Long> traced() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("messages", messages);
        m.put("connects", connects);
        m.put("connectFailures", connectFailures);
        m.put("messagesLost", messagesLost);
        m.put("connectionsCut", connectionsCut);
        m.put("crashes", crashes);
        m.put("partitions", partitions);
        m.put("syncsOpened", syncsOpened);
        m.put("negentropyErrors", negentropyErrors);
        m.put("published", published);
        m.put("publishedAcked", publishedAcked);
        m.put("stored", stored);
        m.put("forgeriesSent", forgeriesSent);
        m.put("forgeriesRejected", forgeriesRejected);
        m.put("liarSilences", liarSilences);
        m.put("reconfigurations", reconfigurations);
        m.put("olderVersions", olderVersions);
        m.put("deletedRefused", deletedRefused);
        m.put("refusedInFlight", refusedInFlight);
        m.put("refusedBusy", refusedBusy);
        m.put("burst", burst);
        m.put("burstOnTime", burstOnTime);
        return m;
    }
}
