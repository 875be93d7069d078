package mutual.app.cli;

import java.util.Optional;
import mutual.engine.mesh.Direction;
import mutual.engine.mesh.PeerSpec;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterJson;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;

/** Peer URLs, filters and directions as given on the command line, with usage errors for bad ones. */
final class PeerSpecs {
    private PeerSpecs() {}

    static PeerSpec parse(String url, Optional<String> filterJson, String direction) {
        Filter filter;
        try {
            filter = filterJson.map(f -> FilterJson.read(Json.create(mutual.protocol.json.Limits.defaults()), f)).orElseGet(() -> Filter.builder().build());
        } catch (DecodeException e) {
            throw new CliException(ExitCodes.USAGE, "--filter is not a valid NIP-01 filter: " + e.getMessage());
        }
        try {
            return new PeerSpec(url, filter, Direction.parse(direction));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
