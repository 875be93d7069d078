package mutual.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import mutual.app.config.Config;
import mutual.app.config.ConfigException;
import mutual.app.config.NodeSettings;
import mutual.store.sqlite.SqliteStore;

/**
 * A node's data folder and configuration for commands that work on the folder directly
 * (bundles), resolved as {@code serve} resolves them: {@code --data}, then {@code MUTUAL_DATA},
 * then the default; settings from {@code --config} or {@code DATA/mutual.conf} and the environment.
 */
record DataFolder(Path dir, Config config) {

    static DataFolder resolve(Optional<Path> data, Optional<Path> configFile) {
        Map<String, String> flags = new LinkedHashMap<>();
        data.ifPresent(d -> flags.put(NodeSettings.DATA.name(), d.toString()));
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

    /** Whether a node ever kept events here. */
    boolean hasDatabase() {
        return Files.isRegularFile(dir.resolve(SqliteStore.FILE_NAME));
    }

    /** Where unfinished bundle imports record how far they got. */
    Path checkpoints() {
        return dir.resolve("bundle-imports");
    }
}
