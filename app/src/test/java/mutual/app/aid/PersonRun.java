package mutual.app.aid;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import mutual.app.cli.MutualCommand;

/** One command run in-process as one person (their own $MUTUAL_HOME), with what they would see, as the launcher runs it. */
record PersonRun(int code, String out, String err) {
    static PersonRun as(Path home, String... args) {
        System.setProperty("mutual.home", home.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = MutualCommand.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new PersonRun(cl.execute(args), out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}
