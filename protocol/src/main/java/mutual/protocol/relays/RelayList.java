package mutual.protocol.relays;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;

/**
 * Where a person can be reached, from their relay lists: NIP-65's kind 10002 ({@code r} tags, each
 * read, write or both) and NIP-17's kind 10050 ({@code relay} tags, where they read private
 * messages). Only {@code ws://} and {@code wss://} URLs with a host count, at most {@link #MAX_URLS}
 * of each kind and {@link #MAX_URL_CHARS} characters each: a list is written by anyone, so it is
 * read with limits like any other input.
 *
 * @param read  where the person reads: events addressed to them go here (for 10050, private messages)
 * @param write where the person writes: their own events go here
 */
public record RelayList(int kind, List<String> read, List<String> write) {
    public static final int OUTBOX = 10002;
    public static final int DM_INBOX = 10050;
    public static final int MAX_URLS = 32;
    public static final int MAX_URL_CHARS = 256;

    public RelayList {
        read = List.copyOf(read);
        write = List.copyOf(write);
    }

    public static boolean isRelayList(int kind) {
        return kind == OUTBOX || kind == DM_INBOX;
    }

    /** The list an event carries, or empty when it is not a relay list. */
    public static Optional<RelayList> of(Event e) {
        if (!isRelayList(e.kind())) return Optional.empty();
        Set<String> read = new LinkedHashSet<>(), write = new LinkedHashSet<>();
        String name = e.kind() == OUTBOX ? "r" : "relay";
        for (Tag t : e.tagsNamed(name)) {
            Optional<String> url = t.value().flatMap(RelayList::cleanUrl);
            if (url.isEmpty()) continue;
            String marker = e.kind() == OUTBOX ? t.get(2).orElse("") : "";
            if (!marker.equals("write") && read.size() < MAX_URLS) read.add(url.get());
            if (!marker.equals("read") && write.size() < MAX_URLS) write.add(url.get());
        }
        return Optional.of(new RelayList(e.kind(), List.copyOf(read), List.copyOf(write)));
    }

    /** Every URL the list names, read ones first, each once. */
    public List<String> all() {
        Set<String> out = new LinkedHashSet<>(read);
        out.addAll(write);
        return List.copyOf(out);
    }

    /** {@code url} if it is a WebSocket URL with a host and no user name, within the length limit. */
    public static Optional<String> cleanUrl(String url) {
        if (url.length() > MAX_URL_CHARS) return Optional.empty();
        String lower = url.toLowerCase(Locale.ROOT);
        int start = lower.startsWith("ws://") ? 5 : lower.startsWith("wss://") ? 6 : -1;
        if (start < 0) return Optional.empty();
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
        String authority = url.substring(start, end);
        return HOST_PORT.matcher(authority).matches() ? Optional.of(url) : Optional.empty();
    }

    /** A host name, an IPv4 address or a bracketed IPv6 address, and an optional port; no user name. */
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
}
