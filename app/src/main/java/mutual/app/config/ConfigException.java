package mutual.app.config;

/** A configuration mistake: an unknown setting, a malformed value or an unreadable file. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
