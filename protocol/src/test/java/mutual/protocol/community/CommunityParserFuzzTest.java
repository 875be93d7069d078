package mutual.protocol.community;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * Fuzzes {@link CommunityParser#parse} with events of the community kinds whose tags mix the names
 * and values the parser looks for with arbitrary strings. Property: the only exception is
 * {@link CommunityException}; whatever parses is then tallied without any exception. A plain test
 * run replays only the seeds (see ClientWireFuzzTest for fuzzing for real).
 */
class CommunityParserFuzzTest {
    private static final String[] NAMES = {"name", "description", "agreement", "g", "l", "L", "vouches", "quorum", "period",
            "t", "e", "p", "breach", "basis", "x"};
    private static final String[] VALUES = {"", "mutual-community", "ISO-639-1", "de", "a", "purpose", "0", "3600", "99999999999",
            "-1", "u33d", "u33d8b", CommunityKinds.NS_MEMBER, CommunityKinds.NS_PROPOSAL, CommunityKinds.NS_RESPONSE,
            "join", "vouch", "unvouch", "leave", "agreement", "link", "remove", "consent", "concern", "object", "withdraw",
            "community", "proposal", "link", "0".repeat(64), "1".repeat(64), "ab"};

    @FuzzTest(maxDuration = "1m")
    void parsesOrRejectsWithAReason(FuzzedDataProvider data) {
        int kind = data.pickValue(new int[] {1403, 1404, 1405, 1406});
        List<Tag> tags = new ArrayList<>();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            List<String> values = new ArrayList<>(List.of(data.pickValue(NAMES)));
            int m = data.consumeInt(0, 3);
            for (int j = 0; j < m; j++) values.add(data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(40));
            tags.add(new Tag(values));
        }
        Event e = new Event(EventId.of(new byte[32]), PubKey.of(new byte[32]), data.consumeLong(0, 1L << 40), kind, tags,
                data.consumeRemainingAsString(), Signature.of(new byte[64]));
        CommunityEvent ce;
        try {
            ce = CommunityParser.parse(e);
        } catch (CommunityException expected) {
            return;
        }
        CommunityLedger ledger = new CommunityLedger(ce.community());
        ledger.add(ce);
        ledger.tallyAt(e.createdAt() + 10);
    }
}
