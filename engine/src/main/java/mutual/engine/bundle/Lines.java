package mutual.engine.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mutual.engine.bundle.Ledger.Kind;
import mutual.engine.ingest.Ingest;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.ingest.Verdict;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;

/**
 * Turns one bundle line into an outcome in the {@link Ledger}: decode it, hand it to the
 * ingest, and sort the result into stored, duplicate, refused, invalid or failed.
 *
 * <p>"Invalid" means the line is not an authentic event: it does not decode, or its id or
 * signature is wrong. Policies also answer {@code invalid:} for authentic events they refuse
 * (expired, too far in the future, a vanish request for another relay); those are "refused".
 * To tell the two apart without checking signatures twice, a first policy notes each event
 * that reached the policies, which only authentic events do.
 */
final class Lines {
    private final Ledger ledger;
    private final Source source;
    private final Json json;
    private final int maxLineBytes;
    private final Set<Ref> authentic = ConcurrentHashMap.newKeySet();

    /** An event by identity: two lines holding the same event are still two submissions. */
    private record Ref(Event event) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && r.event == event;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(event);
        }
    }

    Lines(Ledger ledger, Source source, Json json, int maxLineBytes) {
        this.ledger = ledger;
        this.source = source;
        this.json = json;
        this.maxLineBytes = maxLineBytes;
    }

    /** The given policies, after one that marks events as authentic (it always accepts). */
    List<Policy> withMarker(List<Policy> policies) {
        List<Policy> all = new ArrayList<>(policies.size() + 1);
        all.add(Policy.of("bundle-authentic-mark", c -> {
            authentic.add(new Ref(c.event()));
            return Verdict.accept();
        }));
        all.addAll(policies);
        return all;
    }

    /** Decodes and submits one line; its outcome reaches the ledger now or when the ingest completes it. */
    void take(Ingest ingest, BundleReader.Line line) {
        long n = line.number();
        try {
            if (line.bytes().isEmpty()) {
                ledger.record(n, Kind.INVALID, "invalid: line is longer than " + maxLineBytes + " bytes");
                return;
            }
            byte[] bytes = line.bytes().get();
            if (isBlank(bytes)) {
                ledger.record(n, Kind.INVALID, "invalid: empty line");
                return;
            }
            Event event;
            try {
                event = EventReader.read(json, bytes);
            } catch (DecodeException e) {
                ledger.record(n, Kind.INVALID, "invalid: " + e.getMessage());
                return;
            }
            ingest.submit(event, source).whenComplete((o, err) -> settle(n, event, o));
        } catch (RuntimeException e) {
            ledger.record(n, Kind.FAILED, "error: " + e);
        }
    }

    private void settle(long n, Event event, Outcome o) {
        boolean wasAuthentic = authentic.remove(new Ref(event));
        if (o == null) {
            ledger.record(n, Kind.FAILED, "error: no outcome");
            return;
        }
        switch (o) {
            case Outcome.Stored s -> ledger.record(n, Kind.STORED, null);
            case Outcome.AlreadyHave a -> ledger.record(n, Kind.DUPLICATE, null);
            case Outcome.Broadcast b -> ledger.record(n, Kind.REFUSED, "ephemeral: not stored (ephemeral kinds are never kept)");
            case Outcome.Shadowed s -> ledger.record(n, Kind.REFUSED, "shadow-rejected by a policy");
            case Outcome.Rejected r -> {
                Kind kind = switch (r.prefix()) {
                    case ERROR, RATE_LIMITED -> Kind.FAILED; // the node could not take it now: a later run retries
                    case INVALID -> wasAuthentic ? Kind.REFUSED : Kind.INVALID;
                    default -> Kind.REFUSED;
                };
                ledger.record(n, kind, r.message());
            }
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) if (x != ' ' && x != '\t' && x != '\r') return false;
        return true;
    }
}
