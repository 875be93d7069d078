package mutual.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolved configuration: each declared {@link Setting} from, in rising priority, its default,
 * a config file, the environment and command-line flags. Records where each value came from,
 * so the node can say so at start.
 */
public final class Config {
    private final Map<String, String> raw;
    private final Map<String, String> origin;

    private Config(Map<String, String> raw, Map<String, String> origin) {
        this.raw = raw;
        this.origin = origin;
    }

    /**
     * Resolves every setting in {@code schema}. {@code flags} holds only flags given on the command
     * line; {@code file} is read when present. Bad names or values throw {@link ConfigException}.
     */
    public static Config resolve(List<Setting<?>> schema, Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        for (Setting<?> s : schema) byName.put(s.name(), s);
        Map<String, String> raw = new HashMap<>();
        Map<String, String> origin = new HashMap<>();
        for (Setting<?> s : schema) {
            raw.put(s.name(), s.defaultValue());
            origin.put(s.name(), "default");
        }
        if (file.isPresent()) readFile(file.get(), byName, raw, origin);
        for (Setting<?> s : schema) {
            String v = env.get(s.envName());
            if (v != null) {
                raw.put(s.name(), v);
                origin.put(s.name(), "environment " + s.envName());
            }
        }
        for (Map.Entry<String, String> f : flags.entrySet()) {
            if (!byName.containsKey(f.getKey())) throw new ConfigException("unknown setting --" + f.getKey());
            raw.put(f.getKey(), f.getValue());
            origin.put(f.getKey(), "flag --" + f.getKey());
        }
        Config c = new Config(raw, origin);
        for (Setting<?> s : schema) c.get(s); // validate every value now, not at first use
        return c;
    }

    private static void readFile(Path file, Map<String, Setting<?>> byName, Map<String, String> raw, Map<String, String> origin) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) throw new ConfigException(file + ":" + (i + 1) + ": expected 'name = value'");
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            if (!byName.containsKey(name)) throw new ConfigException(file + ":" + (i + 1) + ": unknown setting '" + name + "'");
            raw.put(name, value);
            origin.put(name, file + ":" + (i + 1));
        }
    }

    public <T> T get(Setting<T> s) {
        String v = raw.get(s.name());
        if (v == null) throw new ConfigException("setting " + s.name() + " was not declared");
        try {
            return s.parse(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting " + s.name() + " (from " + origin.get(s.name()) + "): " + e.getMessage());
        }
    }

    public String origin(Setting<?> s) {
        return origin.getOrDefault(s.name(), "default");
    }
}
