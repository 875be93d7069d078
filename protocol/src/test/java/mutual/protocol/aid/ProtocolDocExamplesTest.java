package mutual.protocol.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.Test;

/** Every {@code ```json} block of docs/protocol.md is a real signed event that our readers accept. */
class ProtocolDocExamplesTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    static Path doc() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("docs/protocol.md");
            if (Files.exists(d)) return d;
        }
        throw new IllegalStateException("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
    }

    static List<Event> examples() throws IOException {
        Matcher m = JSON_BLOCK.matcher(Files.readString(doc()));
        List<Event> out = new ArrayList<>();
        Json json = Json.create(Limits.defaults());
        while (m.find()) out.add(EventReader.read(json, m.group(1)));
        return out;
    }

    @Test
    void everyJsonBlockIsAValidlySignedEvent() throws IOException {
        List<Event> events = examples();
        assertTrue(events.size() >= 8, "expected the listing and match examples, found " + events.size() + " json blocks");
        for (Event e : events) EventCheck.problem(e).ifPresent(p -> fail("example " + e.id().hex() + ": " + p));
    }

    @Test
    void everyAidExampleReadsAsAListingOrAMatchStep() throws IOException {
        int listings = 0, steps = 0;
        for (Event e : examples()) {
            switch (e.kind()) {
                case AidKinds.LISTING -> { Listing.parse(e); listings++; }
                case AidKinds.MATCH -> { MatchEvent.parse(e); steps++; }
                case 1403, 1404, 1405, 1406, 1984, 30023 -> { } // communities, their reports and guides: CommunityDocExamplesTest
                default -> fail("example of kind " + e.kind() + " is neither a listing nor a match step");
            }
        }
        assertTrue(listings >= 2 && steps >= 4, listings + " listings, " + steps + " match steps");
    }

    @Test
    void theDocumentShowsWhatTheBuildersWriteToday() throws IOException {
        // Signatures differ run to run (BIP-340 auxiliary randomness), ids do not: a changed builder shows up here.
        List<String> inDoc = examples().stream().filter(e -> e.kind() == AidKinds.LISTING || e.kind() == AidKinds.MATCH)
                .map(e -> e.id().hex()).toList();
        List<String> built = AidExamples.all().stream().map(e -> e.id().hex()).toList();
        assertEquals(built, inDoc.subList(inDoc.size() - built.size(), inDoc.size()),
                "regenerate the examples with AidExamples.main and paste them into docs/protocol.md");
    }
}
