package mutual.app.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --data}, {@code --config} and {@code --store}, for commands that read or write a node's
 * events directly (sync, bundles): the store is the one the node runs on, as {@code serve} resolves
 * it, so a node on PostgreSQL is not mistaken for the empty SQLite file of its folder.
 */
final class StoreFolderOptions extends FolderOptions {
    @Option(names = "--store", paramLabel = "URL", description = "The node's PostgreSQL database, postgresql://USER:PASSWORD@HOST[:PORT]/DB"
            + " (default: the store setting, as for serve; none: SQLite in the data folder).")
    String store;

    @Override
    DataFolder resolve() {
        return DataFolder.resolve(Optional.ofNullable(data), Optional.ofNullable(configFile), Optional.ofNullable(store));
    }
}
