package mutual.app.aid;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the aid commands find their settings: a system property (tests, embedding) before the
 * environment variable, before the default.
 */
final class CliEnv {
    private CliEnv() {}

    static Optional<String> get(String property, String variable) {
        String v = System.getProperty(property);
        if (v == null) v = System.getenv(variable);
        return Optional.ofNullable(v).filter(s -> !s.isEmpty());
    }

    /** $MUTUAL_HOME, default ~/.config/mutual. */
    static Path home() {
        return get("mutual.home", "MUTUAL_HOME").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".config", "mutual"));
    }

    /** The node the commands talk to: $MUTUAL_RELAY, default the local node. */
    static String relay() {
        return get("mutual.relay", "MUTUAL_RELAY").orElse("ws://127.0.0.1:7447/");
    }
}
