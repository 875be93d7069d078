package mutual.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual event sign --nsec KEY --kind N [--content TEXT] [--tag NAME VALUE...]... [--created-at T]
 * </pre>
 * Prints a signed event as one line of JSON, ready for {@code event verify} or any relay.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign an event and print it as JSON.")
public final class EventSignCommand implements Callable<Integer> {
    @Option(names = "--nsec", required = true, paramLabel = "KEY",
            description = "Secret key as nsec1… or 64 hex characters. Prefer $MUTUAL_NSEC to keep it out of shell history.",
            defaultValue = "${env:MUTUAL_NSEC}")
    String nsec;

    @Option(names = "--kind", required = true, paramLabel = "N", description = "Event kind, 0 to 65535.")
    int kind;

    @Option(names = "--content", paramLabel = "TEXT", defaultValue = "", description = "Event content (default: empty).")
    String content;

    @Option(names = "--tag", paramLabel = "NAME VALUE...", parameterConsumer = TagConsumer.class,
            description = "A tag: its name, then its values, up to the next option. Repeatable.")
    List<List<String>> tags = new ArrayList<>();

    /** Takes every argument up to the next {@code --option} as one tag, so repeated {@code --tag}s stay apart. */
    static final class TagConsumer implements picocli.CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
                                      picocli.CommandLine.Model.CommandSpec commandSpec) {
            List<String> values = new ArrayList<>();
            while (!args.isEmpty() && !(args.peek().startsWith("--") && commandSpec.findOption(args.peek()) != null)) values.add(args.pop());
            if (values.isEmpty()) throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(), "--tag needs a name");
            List<List<String>> all = argSpec.getValue();
            all.add(values);
        }
    }

    @Option(names = "--created-at", paramLabel = "SECONDS", description = "Unix time of the event (default: now).")
    Long createdAt;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (kind < 0 || kind > KindClass.MAX_KIND) throw new CliException(ExitCodes.USAGE, "--kind must be between 0 and 65535");
        if (createdAt != null && createdAt < 0) throw new CliException(ExitCodes.USAGE, "--created-at must not be negative");
        EventBuilder b = EventBuilder.create(kind, createdAt != null ? createdAt : System.currentTimeMillis() / 1000).content(content);
        for (List<String> t : tags) b.tag(new Tag(t));
        Event e = b.sign(Keys.secret(nsec));
        out.println(e.toJson());
        out.flush();
        return ExitCodes.OK;
    }
}
