package mutual.engine.relay;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Random;

/** Where a generated message sequence takes its decisions from: the fuzzer's bytes, or a seeded generator. */
interface Choices {
    /** A number in {@code [0, n)}. */
    int pick(int n);

    String text(int maxLength);

    boolean done();

    static Choices of(FuzzedDataProvider data) {
        return new Choices() {
            public int pick(int n) { return data.consumeInt(0, n - 1); }
            public String text(int max) { return data.consumeString(max); }
            public boolean done() { return data.remainingBytes() == 0; }
        };
    }

    static Choices of(Random random, int steps) {
        return new Choices() {
            int left = steps;

            public int pick(int n) { left--; return random.nextInt(n); }

            public String text(int max) {
                left--;
                StringBuilder b = new StringBuilder();
                int len = random.nextInt(max + 1);
                String alphabet = "[]{}\",:0123456789abcdef-EVENTREQ \\u\u00e9\ud83d\ude00";
                for (int i = 0; i < len; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                return b.toString();
            }

            public boolean done() { return left <= 0; }
        };
    }
}
