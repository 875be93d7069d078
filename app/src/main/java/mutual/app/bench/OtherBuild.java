package mutual.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A build of Mutual to measure beside this one in the same run ({@code bench relay --against},
 * {@code bench sync --against}): a jar given by path, or a commit of the repository this build
 * came from, exported with {@code git archive} into a cache folder and built there with Maven once
 * ({@code $XDG_CACHE_HOME/mutual/builds/<commit>}, or under {@code ~/.cache}).
 *
 * @param label     how reports name it: the short commit, or the jar's file name
 * @param classpath what {@code java -cp} takes to run its {@code mutual.app.Main}
 */
public record OtherBuild(String label, String classpath) {
    /** This process's own build. */
    static final OtherBuild THIS = new OtherBuild("this build", System.getProperty("java.class.path"));

    /** Resolves a jar path or a commit (anything {@code git rev-parse} knows), building the commit if it was not built before. */
    static OtherBuild resolve(String against, Consumer<String> say) throws IOException, InterruptedException {
        Path jar = Path.of(against);
        if (against.endsWith(".jar")) {
            if (!Files.isRegularFile(jar)) throw new IOException("--against: no jar at " + jar.toAbsolutePath());
            return new OtherBuild(jarLabel(jar.toAbsolutePath()), jar.toAbsolutePath().toString());
        }
        Path repo = repository();
        String commit = tryRun(repo, List.of("git", "rev-parse", "--verify", "--quiet", against + "^{commit}")).trim();
        if (commit.isEmpty()) throw new IOException("--against: " + against + " is neither a jar nor a commit of " + repo);
        String shortName = commit.substring(0, 10);
        Path home = cache().resolve(commit);
        Path built = home.resolve("app/target/mutual.jar");
        if (Files.isRegularFile(built) && Files.isRegularFile(home.resolve(".built"))) {
            say.accept("Using the build of " + shortName + " in " + home);
            return new OtherBuild(shortName, built.toString());
        }
        say.accept("Building " + shortName + " in " + home + " (once; a few minutes)…");
        Files.createDirectories(home);
        Path tar = home.resolve("source.tar");
        run(repo, List.of("git", "archive", "--format=tar", "-o", tar.toString(), commit));
        run(home, List.of("tar", "-xf", tar.toString()));
        Files.delete(tar);
        run(home, List.of("mvn", "-B", "-q", "-DskipTests", "-pl", "app", "-am", "package"));
        if (!Files.isRegularFile(built)) throw new IOException("--against: the build of " + shortName + " made no app/target/mutual.jar");
        Files.writeString(home.resolve(".built"), commit + "\n");
        return new OtherBuild(shortName, built.toString());
    }

    /** A jar's name, or for DIR/app/target/mutual.jar (a build's own place) the name of DIR: a commit, in the build cache. */
    private static String jarLabel(Path jar) {
        Path target = jar.getParent(), app = target == null ? null : target.getParent(), home = app == null ? null : app.getParent();
        boolean inBuild = jar.getFileName().toString().equals("mutual.jar") && home != null && home.getFileName() != null
                && target.getFileName().toString().equals("target") && app.getFileName().toString().equals("app");
        if (!inBuild) return jar.getFileName().toString();
        String name = home.getFileName().toString();
        return name.matches("[0-9a-f]{40}") ? name.substring(0, 10) : name;
    }

    /** The command that runs this build's CLI with {@code args}, on the JVM of this process. */
    /**
     * The {@code mutual} launcher of this build's source tree, to run a command as a person runs
     * it: ROOT/mutual for a jar at ROOT/app/target/mutual.jar (a commit's build has its tree), or,
     * for this process, the tree the launcher named ({@code -Dmutual.web=ROOT/web}).
     */
    Optional<Path> launcher() {
        List<Path> roots = new ArrayList<>();
        if (this == THIS && System.getProperty("mutual.web") != null) roots.add(Path.of(System.getProperty("mutual.web")).toAbsolutePath().getParent());
        Path jar = Path.of(classpath.split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        if (jar.getNameCount() > 3) roots.add(jar.getParent().getParent().getParent());
        return roots.stream().filter(r -> r != null && Files.isExecutable(r.resolve("mutual"))).map(r -> r.resolve("mutual")).findFirst();
    }

    List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath, "mutual.app.Main"));
        cmd.addAll(args);
        return cmd;
    }

    /** The git work tree this build's classes were loaded from (the jar is in app/target of it). */
    private static Path repository() throws IOException, InterruptedException {
        Path here;
        try {
            here = Path.of(OtherBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IOException("--against: cannot tell where this build was loaded from", e);
        }
        Path dir = Files.isDirectory(here) ? here : here.getParent();
        String top = tryRun(dir, List.of("git", "rev-parse", "--show-toplevel")).trim();
        if (top.isEmpty()) throw new IOException("--against: this build does not come from a git repository; give a jar instead");
        return Path.of(top);
    }

    private static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mutual").resolve("builds");
    }

    /** Runs a command in {@code dir}; its output, or an exception with its output when it fails. */
    private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES)) p.destroyForcibly();
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + out);
        return out;
    }

    /** As {@link #run}, but a failure gives an empty answer (the command's error is not needed). */
    private static String tryRun(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "";
    }
}
