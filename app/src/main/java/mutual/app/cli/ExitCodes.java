package mutual.app.cli;

/** Exit codes shared by every command, listed in the README. */
public final class ExitCodes {
    /** Everything worked (for verify: every event valid). */
    public static final int OK = 0;
    /** The command ran, and found something invalid (verify) or was refused (by a node). */
    public static final int INVALID = 1;
    /** Wrong usage: unknown option, missing argument, malformed value. */
    public static final int USAGE = 2;
    /** A file or network resource could not be read or written. */
    public static final int IO = 3;
    /** A bug in Mutual; the message says so. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
