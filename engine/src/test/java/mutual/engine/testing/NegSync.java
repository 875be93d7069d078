package mutual.engine.testing;

import java.util.LinkedHashSet;
import java.util.Set;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.ClientStep;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyClient;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyStorage;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;

/** Runs one NIP-77 reconciliation from a test client against a node, round by round. */
public final class NegSync {
    /** What the client learned, or the NEG-ERR that ended it. */
    public record Result(Set<EventId> have, Set<EventId> need, int rounds, String error) {
        public boolean ok() {
            return error.isEmpty();
        }
    }

    private NegSync() {}

    public static Result run(WsClient c, String id, Filter filter, NegentropyStorage mine) {
        NegentropyClient client = Negentropy.client(mine, NegentropyConfig.defaults().withFrameSizeLimit(60_000));
        c.send(new ClientMessage.NegOpen(id, filter, client.initiate()));
        Set<EventId> have = new LinkedHashSet<>(), need = new LinkedHashSet<>();
        int rounds = 0;
        while (true) {
            RelayMessage m = c.expect(RelayMessage.class, x -> x instanceof RelayMessage.NegMsg n && n.subscriptionId().equals(id)
                    || x instanceof RelayMessage.NegErr e && e.subscriptionId().equals(id));
            rounds++;
            if (m instanceof RelayMessage.NegErr e) return new Result(have, need, rounds, e.reason());
            ClientStep step = client.reconcile(((RelayMessage.NegMsg) m).message());
            have.addAll(step.have());
            need.addAll(step.need());
            if (step.isDone()) {
                c.send(new ClientMessage.NegClose(id));
                return new Result(have, need, rounds, "");
            }
            c.send(new ClientMessage.NegMsg(id, step.next().orElseThrow()));
        }
    }
}
