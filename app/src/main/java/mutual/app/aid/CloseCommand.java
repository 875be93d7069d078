package mutual.app.aid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.client.RelayClient;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingStatus;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual close LISTING [--fulfilled] [--node URL] [--json]
 * </pre>
 * Closes one of your listings: publishes it again with status {@code withdrawn} (or
 * {@code fulfilled}), which takes it out of matching; classified clients show it as sold.
 */
@Command(name = "close", mixinStandardHelpOptions = true, description = "Close one of your listings (withdrawn, or --fulfilled).")
public final class CloseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LISTING", description = "naddr1… or 30402:<pubkey>:<d>") String ref;
    @Option(names = "--fulfilled", description = "it was fulfilled, rather than withdrawn") boolean fulfilled;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the signed event") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Address a = address(ref);
        SecretKey key = Keystore.open().unlock();
        if (!a.pubkey().equals(key.publicKey())) throw new CliException(ExitCodes.USAGE, "that listing is not yours: only its author can close it");
        NodeLink link = node.link();
        List<Event> found;
        try (RelayClient c = RelayClient.connect(java.net.URI.create(link.relayUrl()), java.time.Duration.ofSeconds(10))) {
            found = c.query("close", List.of(Filter.builder().kinds(AidKinds.LISTING).authors(a.pubkey()).tag('d', a.d()).build())).get(30, TimeUnit.SECONDS);
        }
        if (found.isEmpty()) throw new CliException(ExitCodes.INVALID, "the node has no listing " + a);
        Event e;
        try {
            Listing l = Listing.parse(found.get(0));
            long now = Math.max(Instant.now().getEpochSecond(), l.createdAt() + 1);
            e = l.toBuilder().status(fulfilled ? ListingStatus.FULFILLED : ListingStatus.WITHDRAWN).sign(key, now);
        } catch (AidException x) {
            throw new CliException(ExitCodes.INVALID, x.getMessage());
        }
        link.publish(e);
        var out = spec.commandLine().getOut();
        out.println(json ? e.toJson() : "closed " + a + " (" + (fulfilled ? "fulfilled" : "withdrawn") + ")");
        out.flush();
        return ExitCodes.OK;
    }

    static Address address(String ref) {
        if (ref.startsWith("naddr1")) {
            try {
                if (Nip19.decode(ref) instanceof Entity.Naddr n) return n.address();
            } catch (RuntimeException x) {
                throw new CliException(ExitCodes.USAGE, "not a valid naddr: " + x.getMessage());
            }
        }
        return Address.parse(ref).filter(x -> x.kind() == AidKinds.LISTING)
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "expected a listing as naddr1… or 30402:<pubkey>:<d>"));
    }
}
