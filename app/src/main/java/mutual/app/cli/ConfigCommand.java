package mutual.app.cli;

import java.util.concurrent.Callable;
import mutual.app.config.NodeSettings;
import mutual.app.config.Setting;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual config show [--data DIR] [--config FILE] [--json]
 * mutual config docs
 * </pre>
 * The node's settings: the effective value of each and where it came from (default, config file
 * line, environment variable), or the reference of every setting as Markdown (docs/config.md).
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show the node's settings.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Docs.class})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print each setting's effective value and where it came from (default, config file, environment).")
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        FolderOptions folder;
        @picocli.CommandLine.Option(names = "--json", description = "print JSON")
        boolean json;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DataFolder f = folder.resolve();
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonOut.write(g -> {
                    g.writeStartObject();
                    for (Setting<?> s : NodeSettings.all()) {
                        g.writeObjectFieldStart(s.name());
                        g.writeStringField("value", shown(s, f.config().get(s)));
                        g.writeStringField("from", f.config().origin(s));
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }));
            } else {
                int width = NodeSettings.all().stream().mapToInt(s -> s.name().length()).max().orElse(10);
                for (Setting<?> s : NodeSettings.all())
                    out.printf("%-" + width + "s  %-24s  %s%n", s.name(), shown(s, f.config().get(s)), f.config().origin(s));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** A setting's value as printed: a PostgreSQL store's URL without its password. */
    static String shown(Setting<?> s, Object value) {
        String v = String.valueOf(value);
        return s == NodeSettings.STORE && mutual.store.postgres.PgUrl.isUrl(v) ? mutual.store.postgres.PgUrl.parse(v).toString() : v;
    }

    @Command(name = "docs", mixinStandardHelpOptions = true, description = "Print every setting, its default and meaning, as Markdown.")
    static final class Docs implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(NodeSettings.markdown());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
