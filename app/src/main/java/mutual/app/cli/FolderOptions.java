package mutual.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --config}, for commands that work on a node's data folder directly (a picocli mixin). */
class FolderOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "The node's data folder (default: as for serve, ./mutual-data).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: DATA/mutual.conf if present).")
    Path configFile;

    DataFolder resolve() {
        return DataFolder.resolve(Optional.ofNullable(data), Optional.ofNullable(configFile));
    }
}
