package mutual.protocol.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import org.junit.jupiter.api.DynamicTest;

/** Reads a Wycheproof vector file into one dynamic test per case, named by id, result and comment. */
final class Wycheproof {
    /** One test case with the group it belongs to (groups carry sizes such as tagSize). */
    record Case(Map<String, Object> group, Map<String, Object> test) {
        String str(String key) {
            return (String) test.get(key);
        }

        byte[] hex(String key) {
            return Hex.parse(str(key));
        }

        long groupNumber(String key) {
            return (Long) group.get(key);
        }

        String result() {
            return str("result");
        }

        boolean valid() {
            return result().equals("valid");
        }

        boolean invalid() {
            return result().equals("invalid");
        }

        String label() {
            return "tc" + test.get("tcId") + " " + result() + " " + test.get("flags") + " " + test.get("comment");
        }
    }

    interface Check {
        void run(Case c) throws Exception;
    }

    private Wycheproof() {}

    static Stream<DynamicTest> tests(String file, Check check) {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("wycheproof/" + file)));
        List<DynamicTest> out = new ArrayList<>();
        for (Object g : TestJson.list(root.get("testGroups"))) {
            Map<String, Object> group = TestJson.map(g);
            for (Object t : TestJson.list(group.get("tests"))) {
                Case c = new Case(group, TestJson.map(t));
                out.add(DynamicTest.dynamicTest(c.label(), () -> check.run(c)));
            }
        }
        if (out.isEmpty()) throw new IllegalStateException(file + " holds no test cases");
        return out.stream();
    }
}
