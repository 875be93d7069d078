package mutual.app.aid;

import java.io.PrintWriter;
import java.nio.file.Path;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventJson;
import mutual.protocol.nip19.Nip19;

/** Shared output of the aid commands. */
final class Out {
    private Out() {}

    static void identity(PrintWriter out, PubKey pub, Path file, boolean json) {
        if (json) {
            out.println("{\"npub\":" + EventJson.quote(Nip19.npub(pub)) + ",\"pubkey\":" + EventJson.quote(pub.hex())
                    + ",\"keystore\":" + EventJson.quote(file.toString()) + "}");
        } else {
            out.println("npub   " + Nip19.npub(pub));
            out.println("pubkey " + pub.hex());
            out.println("key    " + file + " (encrypted, NIP-49)");
        }
        out.flush();
    }
}
