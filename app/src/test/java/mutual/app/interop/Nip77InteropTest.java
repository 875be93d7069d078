package mutual.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.protocol.TestJson;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.interop.NodeScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nostr-tools' own NIP-77 client (NegentropySync), unmodified, reconciling with a node started as {@code mutual serve} starts it. */
class Nip77InteropTest {
    @TempDir
    Path data;

    @Test
    void nostrToolsLearnsExactlyWhatEachSideLacks() throws Exception {
        NodeScript.interopDir();
        Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("port", "0", "data", data.toString()));
        Random rnd = new Random(77);
        SecretKey a = SecretKey.generate(rnd), b = SecretKey.generate(rnd);
        long now = System.currentTimeMillis() / 1000;
        List<Event> both = notes(a, now - 5000, 1500), onlyNode = notes(a, now - 4000, 300), onlyClient = notes(b, now - 4500, 250);
        try (RunningNode node = RunningNode.start(config);
             NodeScript client = NodeScript.start("nip77-client.mjs", "ws://127.0.0.1:" + node.port() + "/")) {
            List<Event> stored = new ArrayList<>(both);
            stored.addAll(onlyNode);
            var pending = stored.stream().map(e -> node.node().submit(e, new Source.Local("test"))).toList();
            for (var f : pending) {
                Outcome o = f.join();
                assertEquals(Outcome.Stored.class, o.getClass(), o::toString);
            }
            List<Event> mine = new ArrayList<>(both);
            mine.addAll(onlyClient);
            String items = mine.stream().map(e -> "[" + e.createdAt() + ",\"" + e.id().hex() + "\"]").collect(Collectors.joining(","));
            List<String> replies = client.exchange(List.of(
                    "{\"filter\":{},\"items\":[" + items + "]}",
                    "{\"filter\":{\"authors\":[\"" + b.publicKey().hex() + "\"]},\"items\":[]}"));

            Map<String, Object> all = TestJson.map(TestJson.parse(replies.get(0)));
            assertNull(all.get("error"), () -> "nostr-tools failed: " + all.get("error"));
            assertEquals(hex(onlyNode), Set.copyOf(strings(all.get("need"))), "ids the node has and nostr-tools lacks");
            assertEquals(hex(onlyClient), Set.copyOf(strings(all.get("have"))), "ids nostr-tools has and the node lacks");
            Map<String, Object> none = TestJson.map(TestJson.parse(replies.get(1)));
            assertNull(none.get("error"));
            assertEquals(List.of(), strings(none.get("need")), "a filtered sync (per-session set) finds nothing of b on the node");
        }
    }

    private static List<Event> notes(SecretKey k, long from, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(EventBuilder.create(1, from + i / 4).content("note " + from + " " + i).sign(k));
        return out;
    }

    private static Set<String> hex(List<Event> events) {
        return events.stream().map(e -> e.id().hex()).collect(Collectors.toCollection(HashSet::new));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }
}
