package mutual.app.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.protocol.TestJson;

/**
 * Runs a Playwright script from {@code web/test/} (Debian's Chromium, headless) against a real node
 * on loopback and returns the one JSON line it prints. Tests are skipped, with a message, when
 * Node.js, the web packages ({@code npm ci --prefix web}), the built interface or Chromium is missing.
 */
final class Browser {
    private Browser() {}

    static Path webDir() {
        return Path.of(System.getProperty("mutual.web", "../web")).toAbsolutePath().normalize();
    }

    static Path chromium() {
        return Path.of(Optional.ofNullable(System.getenv("MUTUAL_CHROMIUM")).orElse("/usr/bin/chromium"));
    }

    /** Skips the calling test unless everything a browser test needs is here. */
    static void assumeAvailable() {
        Path web = webDir();
        assumeTrue(Files.isRegularFile(web.resolve("node_modules/playwright-core/package.json")),
                "playwright-core is not installed in " + web + " (run: npm ci --prefix web); skipping the browser test");
        assumeTrue(Files.isExecutable(chromium()), "Chromium is not installed at " + chromium()
                + " (sudo apt-get install chromium, or set MUTUAL_CHROMIUM); skipping the browser test");
        assumeTrue(WebAssets.create().built(), "the web interface was not built into the classes (scripts/build-web.sh, then build again);"
                + " skipping the browser test");
        assumeTrue(nodeAvailable(), "Node.js ('node') is not on the PATH; skipping the browser test");
    }

    /** A node at its default settings on a free loopback port, with a small gazetteer of the places the scripts use. */
    static RunningNode node(Path dir) throws IOException {
        Path cities = Files.writeString(dir.resolve("cities.json"), """
                [{"name":"Lisbon","lat":"38.71667","lng":"-9.13333","country":"PT"},
                 {"name":"Lisbon","lat":"41.71","lng":"-83.6","country":"US"},
                 {"name":"Almada","lat":"38.67902","lng":"-9.15690","country":"PT"},
                 {"name":"Amadora","lat":"38.75382","lng":"-9.23083","country":"PT"},
                 {"name":"Madrid","lat":"40.4165","lng":"-3.70256","country":"ES"}]
                """);
        System.setProperty("mutual.gazetteer", cities.toString());
        Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("port", "0", "data", dir.resolve("node").toString()));
        return RunningNode.start(config);
    }

    /** Runs {@code web/test/<script>} with the arguments and returns its JSON answer. */
    static Map<String, Object> run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "test/" + script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(webDir().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try {
            byte[] out = p.getInputStream().readAllBytes(); // the script ends by itself; its browser is closed in a finally
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new IOException(script + " did not end");
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            if (!last.startsWith("{")) throw new IOException(script + " printed no result: " + text);
            return TestJson.map(TestJson.parse(last));
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
