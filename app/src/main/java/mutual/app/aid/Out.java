package mutual.app.aid;

import java.io.PrintWriter;
import java.nio.file.Path;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Nip19;

/** Shared output of the aid commands. */
final class Out {
    private Out() {}

    /** A JSON array field of where copies of an event went: relay, ok, detail. */
    static void deliveries(com.fasterxml.jackson.core.JsonGenerator g, String field, java.util.List<Messages.Delivery> sent) throws java.io.IOException {
        g.writeArrayFieldStart(field);
        for (Messages.Delivery d : sent) {
            g.writeStartObject();
            g.writeStringField("relay", d.relay());
            g.writeBooleanField("ok", d.ok());
            g.writeStringField("detail", d.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A JSON array field of strings. */
    static void strings(com.fasterxml.jackson.core.JsonGenerator g, String field, java.util.List<String> values) throws java.io.IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    static void identity(PrintWriter out, PubKey pub, Path file, boolean json) {
        identity(out, pub, file, RelayLists.Lists.NONE, json);
    }

    /** With the relay lists this device knows ({@code mutual id relays} asks the node). */
    static void identity(PrintWriter out, PubKey pub, Path file, RelayLists.Lists lists, boolean json) {
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("npub", Nip19.npub(pub));
                g.writeStringField("pubkey", pub.hex());
                g.writeStringField("keystore", file.toString());
                strings(g, "relays", lists.relays());
                strings(g, "dm", lists.dm());
                g.writeEndObject();
            }));
        } else {
            out.println("npub   " + Nip19.npub(pub));
            out.println("pubkey " + pub.hex());
            out.println("key    " + file + " (encrypted, NIP-49)");
            if (!lists.relays().isEmpty()) out.println("relays " + String.join(" ", lists.relays()));
            if (!lists.dm().isEmpty()) out.println("dm     " + String.join(" ", lists.dm()));
        }
        out.flush();
    }
}
