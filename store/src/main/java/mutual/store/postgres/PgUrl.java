package mutual.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store lives, from the URL an operator gives ({@code --store
 * postgresql://user:password@host:5432/db?currentSchema=mutual}): the JDBC URL, the user and the
 * password apart, so that the password is never printed. A user or password missing from the URL
 * comes from {@code PGUSER} and {@code PGPASSWORD}, as for {@code psql}.
 */
public record PgUrl(String jdbcUrl, String user, String password, Optional<String> schema, String shown) {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    @Override
    public String toString() {
        return shown;
    }

    /**
     * A connection of its own, outside the pool (for LISTEN, and for leadership, which lasts as
     * long as its session), named {@code applicationName} in pg_stat_activity; it notices a dead
     * server or network within {@code socketTimeoutSeconds} of a request (0: never gives up).
     */
    public java.sql.Connection connect(String applicationName, int socketTimeoutSeconds) throws java.sql.SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        return java.sql.DriverManager.getConnection(jdbcUrl, props);
    }

    /** Whether {@code store} names a PostgreSQL database rather than a folder. */
    public static boolean isUrl(String store) {
        return store.startsWith("postgresql://") || store.startsWith("postgres://");
    }

    public static PgUrl parse(String url) {
        return parse(url, System.getenv());
    }

    static PgUrl parse(String url, Map<String, String> env) {
        if (!isUrl(url)) throw new IllegalArgumentException("a PostgreSQL store is given as postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid postgresql:// URL: " + e.getReason());
        }
        if (u.getHost() == null) throw new IllegalArgumentException("the postgresql:// URL names no host");
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "" : u.getPath().substring(1);
        if (db.isEmpty() || db.contains("/")) throw new IllegalArgumentException("the postgresql:// URL must name one database: postgresql://HOST/DATABASE");
        String user = env.getOrDefault("PGUSER", System.getProperty("user.name")), password = env.getOrDefault("PGPASSWORD", "");
        String info = u.getUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            if (colon >= 0) password = info.substring(colon + 1);
        }
        Optional<String> schema = Optional.empty();
        String query = u.getRawQuery() == null ? "" : u.getRawQuery();
        for (String p : query.split("&")) {
            if (!p.startsWith("currentSchema=")) continue;
            String s = p.substring("currentSchema=".length());
            if (!SCHEMA.matcher(s).matches()) throw new IllegalArgumentException("currentSchema must be a plain lower-case name");
            schema = Optional.of(s);
        }
        String hostPort = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + db + (query.isEmpty() ? "" : "?" + query);
        String shownQuery = String.join("&", java.util.Arrays.stream(query.split("&")).filter(p -> !p.isEmpty())
                .map(p -> p.startsWith("password=") ? "password=***" : p).toList());
        String shown = "postgresql://" + user + (password.isEmpty() ? "" : ":***") + "@" + hostPort + "/" + db + (shownQuery.isEmpty() ? "" : "?" + shownQuery);
        return new PgUrl(jdbc, user, password, schema, shown);
    }
}
