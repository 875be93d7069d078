package mutual.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("mutual.conf"), "# comment\nport = 9000\nname = \"From file\"\nmax-limit = 10\n");
        Config c = Config.resolve(NodeSettings.all(), Optional.of(file),
                Map.of("MUTUAL_PORT", "9100", "MUTUAL_MAX_LIMIT", "20"), Map.of("port", "9200"));
        assertEquals(9200, c.get(NodeSettings.PORT));
        assertEquals(20, c.get(NodeSettings.MAX_LIMIT));
        assertEquals("From file", c.get(NodeSettings.NAME));
        assertEquals("127.0.0.1", c.get(NodeSettings.BIND));
        assertEquals("flag --port", c.origin(NodeSettings.PORT));
    }

    @Test
    void anUnknownSettingInTheFileNamesItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("mutual.conf"), "port = 1\nprot = 2\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.resolve(NodeSettings.all(), Optional.of(file), Map.of(), Map.of()));
        assertTrue(e.getMessage().endsWith("mutual.conf:2: unknown setting 'prot'"), e.getMessage());
    }

    @Test
    void aMalformedValueSaysWhichSettingAndWhereItCameFrom() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.resolve(NodeSettings.all(), Optional.empty(), Map.of("MUTUAL_PORT", "seventy"), Map.of()));
        assertEquals("setting port (from environment MUTUAL_PORT): 'seventy' is not a whole number", e.getMessage());
    }

    @Test
    void aValueBelowItsSettingsMinimumIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("max-indexed-listings", "-5")));
        assertEquals("setting max-indexed-listings (from flag --max-indexed-listings): must be 0 or more, got -5", e.getMessage());
        assertEquals(0, Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of()).get(NodeSettings.MAX_INDEXED_LISTINGS));
    }

    @Test
    void docsConfigMdIsGeneratedFromTheDeclarations() throws IOException {
        Path doc = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "docs", "config.md");
        if (!Files.exists(doc)) doc = Path.of("..", "docs", "config.md");
        assertEquals(NodeSettings.markdown(), Files.readString(doc),
                "docs/config.md is out of date: regenerate it with ./mutual config docs > docs/config.md");
    }
}
