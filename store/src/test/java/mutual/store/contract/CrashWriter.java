package mutual.store.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.store.EventStore;
import mutual.store.WriteOutcome;
import mutual.store.postgres.PgUrl;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;

/**
 * A child process for {@link CrashTest}: writes batches forever to a SQLite folder or a postgresql:// URL and prints the id of every event
 * whose batch {@code write} returned, which is the moment the relay would send {@code OK}.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        Random r = new Random(Long.parseLong(args[1]));
        SecretKey key = SecretKey.generate(r);
        try (EventStore s = PgUrl.isUrl(args[0]) ? PostgresStore.open(args[0]) : SqliteStore.open(Path.of(args[0]))) {
            System.out.println("ready");
            System.out.flush();
            for (int b = 0; ; b++) {
                List<Event> batch = new ArrayList<>();
                for (int i = 0, n = 1 + r.nextInt(50); i < n; i++)
                    batch.add(EventBuilder.create(1, 1_700_000_000L + b).content("b" + b + "e" + i + "x".repeat(r.nextInt(900)))
                            .tag("t", "crash").sign(key));
                List<WriteOutcome> out = s.write(batch);
                StringBuilder acked = new StringBuilder();
                for (int i = 0; i < batch.size(); i++)
                    if (out.get(i).stored()) acked.append(batch.get(i).id().hex()).append('\n');
                System.out.print(acked);
                System.out.flush();
            }
        }
    }
}
