package mutual.app.aid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.aid.Category;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.Guides;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual guide post COMMUNITY --title TEXT --category C[,C] (--text TEXT|--file PATH) [--summary TEXT] [--node URL] [--json]
 * </pre>
 * Publishes a guide (NIP-23 long-form, Markdown) for a community you are a member of; refused
 * before signing, in words, when you are not.
 */
@Command(name = "post", mixinStandardHelpOptions = true, description = "Post a guide (Markdown) to a community's library.")
public final class GuidePostCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMMUNITY", description = CommunityLink.NAMED) String id;
    @Option(names = "--title", required = true, description = "its title, up to 200 characters") String title;
    @Option(names = "--category", required = true, split = ",", description = "food, housing, transport, health, childcare, tools, skills, money, company, other")
    List<String> categories;
    @Option(names = "--text", description = "the guide, in Markdown") Optional<String> text;
    @Option(names = "--file", description = "the guide, from a Markdown file") Optional<Path> file;
    @Option(names = "--summary", description = "one or two sentences about it") Optional<String> summary;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: its ref and the signed event") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (text.isPresent() == file.isPresent()) throw new CliException(ExitCodes.USAGE, "give the guide with one of --text or --file");
        String body = text.orElseGet(() -> {
            try {
                return Files.readString(file.get());
            } catch (IOException x) {
                throw new CliException(ExitCodes.IO, "cannot read " + file.get() + ": " + x.getMessage());
            }
        });
        List<Category> cs = categories.stream().map(c -> Category.fromLabel(c.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "unknown category '" + c + "'"))).toList();
        NodeLink link = node.link();
        EventId community = CommunityLink.community(id, link);
        Keystore ks = Keystore.open();
        Map<String, Object> t = CommunityLink.tally(link, community);
        if (Tree.list(t.get("members")).stream().noneMatch(m -> ks.publicKey().hex().equals(Tree.str(Tree.map(m), "pubkey"))))
            throw new CliException(ExitCodes.INVALID, "guide not sent: you are not a member of \"" + Tree.str(t, "name") + "\"; its members write its library");
        byte[] d = new byte[8];
        new SecureRandom().nextBytes(d);
        Event e;
        try {
            e = Guides.build(ks.unlock(), CommunityLink.now(), Hex.encode(d), community, title, summary, cs, body);
        } catch (CommunityException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage().replaceFirst("^guide [0-9a-f]{8}: ", ""));
        }
        link.publish(e);
        String ref = mutual.protocol.event.Address.of(e).toString();
        var out = spec.commandLine().getOut();
        if (json) out.println(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("ref", ref);
            g.writeFieldName("event");
            g.writeRawValue(e.toJson());
            g.writeEndObject();
        }));
        else out.println("posted \"" + title.strip() + "\" to the library of \"" + Tree.str(t, "name") + "\" (" + ShortRefs.nameGuide(ref) + " here): " + ref);
        out.flush();
        return ExitCodes.OK;
    }
}
