package mutual.store.contract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import mutual.store.postgres.PgUrl;

/**
 * The PostgreSQL server the tests use: {@code MUTUAL_TEST_POSTGRES} (a postgresql:// URL of a
 * role that may create databases), by default the role that scripts/postgres-for-tests.sh makes
 * on the local server. Each test class gets throwaway databases it creates and drops; when no
 * server answers, the PostgreSQL tests skip with a message saying how to run them.
 */
public final class TestPostgres {
    public static final String DEFAULT = "postgresql://mutual_test:mutual_test@127.0.0.1:5432/postgres";
    private static volatile Optional<String> unreachable;

    private TestPostgres() {}

    public static String adminUrl() {
        String env = System.getenv("MUTUAL_TEST_POSTGRES");
        return env == null || env.isBlank() ? DEFAULT : env;
    }

    /** Why PostgreSQL cannot be used, if it cannot (checked once per run). */
    public static synchronized Optional<String> unreachable() {
        if (unreachable == null) {
            try (Connection c = connect(PgUrl.parse(adminUrl()))) {
                unreachable = Optional.empty();
            } catch (SQLException | RuntimeException e) {
                unreachable = Optional.of("PostgreSQL tests skipped: no server at " + PgUrl.parse(adminUrl()) + " (" + e.getMessage()
                        + "); run scripts/postgres-for-tests.sh as root, or set MUTUAL_TEST_POSTGRES=postgresql://USER:PASSWORD@HOST/DB");
                System.err.println(unreachable.get());
            }
        }
        return unreachable;
    }

    /** Creates an empty database; returns its postgresql:// URL. */
    public static String createDatabase() {
        String name = "mutual_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        String admin = adminUrl();
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    /**
     * Drops a database made by {@link #createDatabase}, even with connections of the test role
     * still open (FORCE). An autovacuum worker in it cannot be ended by FORCE from a role that is
     * not a superuser, but a plain DROP makes it exit; so the two are tried in turn for a while.
     */
    public static void dropDatabase(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        for (int attempt = 1; ; attempt++) {
            try {
                admin("DROP DATABASE IF EXISTS " + name + (attempt % 2 == 1 ? " WITH (FORCE)" : ""));
                return;
            } catch (IllegalStateException e) {
                if (attempt == 20) throw e;
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void admin(String sql) {
        try (Connection c = connect(PgUrl.parse(adminUrl())); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(PgUrl u) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", u.user());
        p.setProperty("password", u.password());
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(u.jdbcUrl(), p);
    }

    /** Databases made for one test class, dropped together. */
    public static final class Databases {
        private final List<String> made = new ArrayList<>();

        public synchronized String create() {
            String url = createDatabase();
            made.add(url);
            return url;
        }

        public synchronized void dropAll() {
            for (String url : made) dropDatabase(url);
            made.clear();
        }
    }
}
