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

    /** A whole number from {@code min} to {@code max}. */
    public static Setting<Integer> integer(String name, int def, int min, int max, String description) {
        Setting<Integer> any = integer(name, def, description);
        return new Setting<>(name, "integer", any.defaultValue(), description, s -> {
            int v = any.parser().apply(s);
            if (v < min || v > max) throw new IllegalArgumentException("must be from " + min + " to " + max + ", got " + v);
            return v;
        });
    }

    /**
     * A network address to listen on: an IPv4 address (four numbers of 0 to 255), an IPv6
     * address, or a host name (looked up when the node starts).
     */
    public static Setting<String> address(String name, String def, String description) {
        return new Setting<>(name, "address", def, description, s -> {
            String v = s.strip();
            if (v.matches("[0-9.]+")) {
                String[] parts = v.split("\\.", -1);
                boolean ok = parts.length == 4;
                for (String p : parts) ok &= !p.isEmpty() && p.length() <= 3 && Integer.parseInt(p) <= 255;
                if (!ok) throw new IllegalArgumentException("'" + v + "' is not an IPv4 address (four numbers from 0 to 255, e.g. 127.0.0.1 or 0.0.0.0)");
            } else if (v.isEmpty() || !v.matches("[0-9A-Za-z.:\\-\\[\\]%]+")) {
                throw new IllegalArgumentException("'" + v + "' is not an address (e.g. 127.0.0.1, 0.0.0.0 or ::1)");
            }
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
