package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliDocsTest {
    @Test
    void docsCliMdIsGeneratedFromTheCommands() throws IOException {
        Path doc = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "docs", "cli.md");
        if (!Files.exists(doc)) doc = Path.of("..", "docs", "cli.md");
        assertEquals(CliDocsCommand.markdown(MutualCommand.commandLine().getCommandSpec()), Files.readString(doc),
                "docs/cli.md is out of date: regenerate it with ./mutual cli-docs > docs/cli.md");
    }

    @Test
    void everyOptionOfPostIsInTheDocs() {
        String md = CliDocsCommand.markdown(MutualCommand.commandLine().getCommandSpec());
        for (var o : MutualCommand.commandLine().getSubcommands().get("post").getCommandSpec().options())
            if (!o.usageHelp() && !o.versionHelp()) assertTrue(md.contains("`" + o.longestName()), o.longestName());
    }

    @Test
    void configShowSaysWhereEachSettingCameFrom(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mutual.conf"), "port = 9001\n");
        CliRun r = CliRun.of("config", "show", "--data", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*port\\s+9001\\s+" + java.util.regex.Pattern.quote(dir.resolve("mutual.conf") + ":1") + ".*"), r.out());
        assertTrue(r.out().matches("(?s).*bind\\s+127\\.0\\.0\\.1\\s+default.*"), r.out());
    }
}
