package mutual.engine.relay;

import java.util.List;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.Tag;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;

/**
 * Builds client messages from {@link Choices}: mostly plausible ones (signed events of the
 * interesting kinds, filters with odd values, AUTH, CLOSE, COUNT, NEG-*), some mutated and some
 * pure noise, so the fuzzer spends its time past the JSON decoder as well as in it.
 */
final class MessageMaker {
    private final List<Event> pool;
    private final SecretKey alice = Keys.key(81);

    MessageMaker(long now) {
        SecretKey bob = Keys.key(82);
        Event note = Keys.note(alice, now - 10, "hello world");
        pool = List.of(
                note,
                Keys.note(bob, now - 5, "reply", Tag.of("e", note.id().hex()), Tag.of("p", alice.publicKey().hex())),
                Keys.event(alice, 0, now - 3, "{\"name\":\"alice\"}"),
                Keys.event(alice, 5, now, "", Tag.of("e", note.id().hex())),
                Keys.event(bob, 62, now, "", Tag.of("relay", SessionHarness.URL)),
                Keys.event(bob, 1059, now - 100, "ct", Tag.of("p", alice.publicKey().hex())),
                Keys.event(alice, 20001, now, "typing"),
                Keys.event(alice, 30402, now, "bike", Tag.of("d", "bike"), Tag.of("t", "bikes")),
                Keys.note(alice, now, "mine", Tag.of("-")),
                Keys.note(alice, now, "short-lived", Tag.of("expiration", Long.toString(now + 1))),
                Keys.tampered(note));
    }

    String next(Choices c, ClientSession session, long now) {
        return switch (c.pick(10)) {
            case 0 -> c.text(200);
            case 1, 2 -> ClientWire.encode(new ClientMessage.Publish(pool.get(c.pick(pool.size()))));
            case 3 -> mutate(ClientWire.encode(new ClientMessage.Publish(pool.get(c.pick(pool.size())))), c);
            case 4, 5 -> "[\"REQ\",\"" + subId(c) + "\"," + filter(c) + (c.pick(3) == 0 ? "," + filter(c) : "") + "]";
            case 6 -> "[\"COUNT\",\"" + subId(c) + "\"," + filter(c) + "]";
            case 7 -> "[\"CLOSE\",\"" + subId(c) + "\"]";
            case 8 -> ClientWire.encode(new ClientMessage.Auth(EventBuilder.create(22242, now)
                    .tag("relay", c.pick(2) == 0 ? SessionHarness.URL : "ws://else.where/")
                    .tag("challenge", c.pick(4) == 0 ? "wrong" : session.challenge()).sign(alice)));
            default -> "[\"NEG-OPEN\",\"" + subId(c) + "\",{},\"" + c.text(8) + "\"]";
        };
    }

    private static String subId(Choices c) {
        return List.of("a", "b", "c", "long-subscription-id").get(c.pick(4));
    }

    private String filter(Choices c) {
        StringBuilder f = new StringBuilder("{");
        int fields = c.pick(4);
        for (int i = 0; i < fields; i++) {
            if (f.length() > 1) f.append(',');
            switch (c.pick(9)) {
                case 0 -> f.append("\"kinds\":[").append(List.of("1", "0", "1059", "30402", "5", "-1", "65536", "\"x\"").get(c.pick(8))).append(']');
                case 1 -> f.append("\"authors\":[\"").append(c.pick(2) == 0 ? alice.publicKey().hex() : c.text(70)).append("\"]");
                case 2 -> f.append("\"ids\":[\"").append(pool.get(c.pick(pool.size())).id().hex()).append("\"]");
                case 3 -> f.append("\"#t\":[\"bikes\"]");
                case 4 -> f.append("\"#p\":[\"").append(alice.publicKey().hex()).append("\"]");
                case 5 -> f.append("\"limit\":").append(List.of("0", "1", "10", "1e3", "-5", "99999999999").get(c.pick(6)));
                case 6 -> f.append("\"since\":").append(c.pick(2_000_000_000));
                case 7 -> f.append("\"search\":\"").append(c.text(20).replace("\"", "").replace("\\", "")).append('"');
                default -> f.append('"').append(c.text(5).replace("\"", "")).append("\":").append(c.pick(100));
            }
        }
        return f.append('}').toString();
    }

    private static String mutate(String s, Choices c) {
        int at = c.pick(s.length());
        return switch (c.pick(3)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(0, at) + c.text(3) + s.substring(Math.min(s.length(), at + 1));
            default -> s.substring(0, at) + s.substring(at).replaceFirst("\"", "");
        };
    }
}
