package mutual.engine.relay;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.protocol.event.EventId;

/**
 * Best-effort recovery of what a message was about when it cannot be decoded, so the reply can
 * be an {@code OK} for that event id or a {@code CLOSED} for that subscription instead of a
 * bare {@code NOTICE}. Only ever used to address a rejection.
 */
final class Salvage {
    private static final Pattern EVENT = Pattern.compile("^\\s*\\[\\s*\"EVENT\"\\s*,");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern SUB = Pattern.compile("^\\s*\\[\\s*\"(?:REQ|COUNT)\"\\s*,\\s*\"([^\"\\\\]{1,64})\"");

    private Salvage() {}

    static Optional<EventId> eventId(String text) {
        if (!EVENT.matcher(text).find()) return Optional.empty();
        Matcher m = ID.matcher(text);
        return m.find() ? EventId.fromHex(m.group(1)) : Optional.empty();
    }

    static Optional<String> subscriptionId(String text) {
        Matcher m = SUB.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
