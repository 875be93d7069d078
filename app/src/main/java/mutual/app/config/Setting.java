package mutual.app.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key, declared once: its kebab-case name, type, default and description.
 * The same declaration yields the {@code --name} flag, the {@code MUTUAL_NAME} environment
 * variable, the {@code name = value} line of a config file, {@code --help} and docs/config.md.
 */
public record Setting<T>(String name, String type, String defaultValue, String description, Function<String, T> parser) {

    public static Setting<String> text(String name, String def, String description) {
        return new Setting<>(name, "text", def, description, s -> s);
    }

    public static Setting<Integer> integer(String name, int def, String description) {
        return new Setting<>(name, "integer", Integer.toString(def), description, s -> {
            try {
                return Integer.parseInt(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a whole number");
            }
        });
    }

    /** A whole number of at least {@code min}. */
    public static Setting<Integer> integer(String name, int def, int min, String description) {
        Setting<Integer> any = integer(name, def, description);
        return new Setting<>(name, "integer", any.defaultValue(), description, s -> {
            int v = any.parser().apply(s);
            if (v < min) throw new IllegalArgumentException("must be " + min + " or more, got " + v);
            return v;
        });
    }

    public static Setting<Long> whole(String name, long def, String description) {
        return new Setting<>(name, "integer", Long.toString(def), description, s -> {
            try {
                return Long.parseLong(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a whole number");
            }
        });
    }

    public static Setting<Boolean> flag(String name, boolean def, String description) {
        return new Setting<>(name, "boolean", Boolean.toString(def), description, s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
        });
    }

    public String flagName() {
        return "--" + name;
    }

    public String envName() {
        return "MUTUAL_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public T parse(String raw) {
        return parser.apply(raw);
    }
}
