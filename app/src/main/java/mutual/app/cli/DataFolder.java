package mutual.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import mutual.app.config.Config;
import mutual.app.config.ConfigException;
import mutual.app.config.NodeSettings;
import mutual.app.node.Stores;
import mutual.store.EventStore;
import mutual.store.StoreException;
import mutual.store.sqlite.SqliteStore;

/**
 * A node's data folder and configuration for commands that work on the folder directly
 * (bundles), resolved as {@code serve} resolves them: {@code --data}, then {@code MUTUAL_DATA},
 * then the default; settings from {@code --config} or {@code DATA/mutual.conf} and the environment.
 */
record DataFolder(Path dir, Config config) {

    static DataFolder resolve(Optional<Path> data, Optional<Path> configFile) {
        return resolve(data, configFile, Optional.empty());
    }

    /** As {@link #resolve(Optional, Optional)}, with a {@code --store} flag. */
    static DataFolder resolve(Optional<Path> data, Optional<Path> configFile, Optional<String> store) {
        Map<String, String> flags = new LinkedHashMap<>();
        data.ifPresent(d -> flags.put(NodeSettings.DATA.name(), d.toString()));
        store.ifPresent(s -> flags.put(NodeSettings.STORE.name(), s));
        Map<String, String> env = System.getenv();
        String dir = flags.getOrDefault(NodeSettings.DATA.name(), env.getOrDefault(NodeSettings.DATA.envName(), NodeSettings.DATA.defaultValue()));
        Optional<Path> file = configFile;
        if (file.isPresent() && !Files.isRegularFile(file.get())) throw new CliException(ExitCodes.USAGE, "no such config file: " + file.get());
        if (file.isEmpty() && Files.isRegularFile(Path.of(dir, "mutual.conf"))) file = Optional.of(Path.of(dir, "mutual.conf"));
        try {
            Config c = Config.resolve(NodeSettings.all(), file, env, flags);
            return new DataFolder(Path.of(c.get(NodeSettings.DATA)).toAbsolutePath().normalize(), c);
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The PostgreSQL database the node runs on (its {@code store} setting), if it runs on one. */
    Optional<String> postgres() {
        String s = config.get(NodeSettings.STORE);
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /**
     * The node's store: its PostgreSQL database when the {@code store} setting names one, else
     * SQLite in this folder, opened by {@code sqlite} (each command chooses its caches). A database
     * that cannot be reached is an I/O error with its reason.
     */
    EventStore openStore(Function<Path, EventStore> sqlite) {
        if (postgres().isEmpty()) return sqlite.apply(dir);
        try {
            Stores.describe(postgres().get(), dir); // checks the URL's form first: a mistake there is a usage error
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "store: " + e.getMessage());
        }
        try {
            return Stores.open(postgres().get(), dir);
        } catch (StoreException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        }
    }

    /** The node's store as named to people: the SQLite file, or the URL without its password. */
    String describeStore() {
        return Stores.describe(config.get(NodeSettings.STORE), dir);
    }

    /** Whether a node ever kept events here. */
    boolean hasDatabase() {
        return Files.isRegularFile(dir.resolve(SqliteStore.FILE_NAME));
    }

    /** Where unfinished bundle imports record how far they got. */
    Path checkpoints() {
        return dir.resolve("bundle-imports");
    }
}
