package mutual.app.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mutual.app.node.RunningNode;
import mutual.protocol.nip19.Nip19;
import mutual.protocol.nip49.Nip49;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web interface in a real browser against a real node (web/test/e2e.mjs, issue 18): two people
 * meet over a need and an offer and finish the match; Spanish end to end; a 360-pixel phone; a
 * flyer whose QR code decodes to the listing's link; NIP-07, NIP-46 and ncryptsec keys; the key's
 * export; refusals and an unreachable node; axe-core's accessibility checks; and no secret key in
 * anything a page sent. Screenshots go to app/target/screenshots/.
 */
class WebInterfaceTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("mutual.gazetteer");
    }

    @Test
    void twoNeighboursMeetFinishAndThankInTheBrowserWithoutTheirKeysLeavingIt() throws Exception {
        Browser.assumeAvailable();
        Map<String, Object> r;
        try (RunningNode node = Browser.node(dir)) {
            String base = "http://127.0.0.1:" + node.port();
            r = Browser.run("e2e.mjs", base, Path.of("target/screenshots").toAbsolutePath().toString());
            assertNull(r.get("error"), () -> "the browser run failed: " + r.get("error") + "\nwhat it saw: " + r);
            String naddrLink = (String) r.get("listingLink");
            assertAll(
                    // the key kept in the browser is NIP-49, as `mutual id export` writes it: our own decoder opens it
                    () -> assertEquals(r.get("anaNpub").toString().strip(),
                            Nip19.npub(Nip49.decrypt((String) r.get("anaNcryptsec"), "correct horse battery").key().publicKey())),
                    // the key is exported as a file and a QR code, both the ncryptsec the browser keeps
                    () -> assertEquals(r.get("anaNcryptsec"), r.get("keyFile")),
                    () -> assertEquals(r.get("anaNcryptsec"), r.get("keyQr")),
                    // an ncryptsec brought along: a wrong passphrase is said at its field, the right one opens it
                    () -> assertEquals("The passphrase does not open this key.", r.get("wrongPassphrase")),
                    () -> assertEquals(r.get("fabioExpected"), r.get("fabioNpub")),
                    // a NIP-46 remote signer: it signed the listing, and opened the node's notice
                    () -> assertTrue(((List<?>) r.get("bunkerServed")).containsAll(List.of("connect", "get_public_key", "sign_event", "nip44_decrypt")),
                            () -> "asked of the signer: " + r.get("bunkerServed")),
                    () -> assertEquals(1L, r.get("bunkerListed")),
                    () -> assertEquals(1L, r.get("bunkerConversations"), "the node's notice of the match with Eva's need"),
                    // a refused event: the node's reason above the form; an unreachable node: said, and the draft kept
                    () -> assertTrue(((String) r.get("refusedMessage")).startsWith("Not posted: invalid:"), () -> "refusal: " + r.get("refusedMessage")),
                    () -> assertEquals("The node does not answer. Nothing you typed is lost; try again in a moment.", r.get("offlineMessage")),
                    () -> assertEquals(r.get("offlineMessage"), r.get("offlineStatus")),
                    () -> assertEquals("Soup on Sundays", r.get("offlineDraftKept")),
                    // mistakes are explained next to their fields, and a draft outlives a reload
                    () -> assertEquals("Say in a few words what you need or can give.", r.get("errorNoTitle")),
                    () -> assertEquals("No place called “Lisboa” was found. Did you mean Lisbon, PT or Lisbon, US?", r.get("errorPlace")),
                    () -> assertEquals("This date has passed; choose today or a later day.", r.get("errorPast")),
                    () -> assertEquals("Choose the kind that fits best.", r.get("errorCategory")),
                    () -> assertEquals("Groceries for two", r.get("draftKept")),
                    // each sees the other's listing as a fit, with reasons in words
                    () -> assertEquals("Vegetables from my garden", r.get("anaSeesTitle")),
                    () -> assertEquals("Groceries for two", r.get("brunoSeesTitle")),
                    () -> assertTrue(((String) r.get("anaReasons")).contains("km away"), () -> "reasons: " + r.get("anaReasons")),
                    () -> assertTrue(((String) r.get("anaReasons")).contains("urgent"), () -> "reasons: " + r.get("anaReasons")),
                    () -> assertEquals("accepted", r.get("stateAfterAccepts")),
                    // the encrypted messages arrive, and the node's notice is a conversation too
                    () -> assertEquals("About “Vegetables from my garden”", r.get("chatAbout"), "a conversation started from a match names it"),
                    () -> assertEquals("Hello! Is Saturday at ten good?", r.get("brunoReads")),
                    () -> assertEquals("Saturday at ten is good.", r.get("anaReads")),
                    () -> assertEquals(2L, r.get("brunoConversations"), "with Ana and with the node"),
                    () -> assertEquals("done", r.get("finalState")),
                    () -> assertEquals(List.of("suggest", "accept", "accept", "done", "thanks"), r.get("steps")),
                    () -> assertTrue(((List<?>) r.get("stepAuthors")).contains(r.get("brunoPubkey")), "Bruno signed his accept"),
                    () -> assertEquals(1L, r.get("brunoThanked"), "the thanks reached Bruno as a message"),
                    // the flyer's QR code opens the listing; printing hides the page's chrome
                    () -> assertEquals(naddrLink, r.get("qr")),
                    () -> assertEquals("Groceries for two", r.get("qrOpens")),
                    () -> assertEquals(true, r.get("printHidesHeader")),
                    // Spanish, chosen from the browser and switched to
                    () -> assertEquals("Mis anuncios", r.get("switchedNav")),
                    () -> assertEquals("Te damos la bienvenida a Mutual", r.get("esTitle")),
                    () -> assertEquals("new-pass", r.get("keyboardFirstField"), "Tab from the page's heading reaches the first field; Carmen made her key by keyboard"),
                    () -> assertEquals("Publicar una necesidad o una oferta", r.get("esPostHeading")),
                    () -> assertEquals("Di en pocas palabras qué necesitas o qué puedes dar.", r.get("esErrorNoTitle")),
                    () -> assertEquals("Todavía no encaja nada. Lo verás aquí cuando algo encaje.", r.get("esMine")),
                    () -> assertTrue(((String) r.get("esDate")).startsWith("Hasta el "), () -> "date: " + r.get("esDate")),
                    // a 360-pixel phone: nothing wider than the screen; the location is named coarsely
                    () -> assertTrue(((Map<?, ?>) r.get("fits360")).values().stream().allMatch(Boolean.TRUE::equals), () -> "fits: " + r.get("fits360")),
                    () -> assertEquals("Lisbon, PT", r.get("located")),
                    () -> assertEquals("Groceries for two", r.get("returnedTo"), "from a flyer's link, through a new key, back to the listing"),
                    () -> assertEquals(2L, r.get("nearFound"), "Ana's need and Bruno's offer"),
                    // a NIP-07 extension signs; its listing is on the node
                    () -> assertTrue((Long) r.get("nip07Signed") >= 2, "the extension signed the listing and the relay lists"),
                    () -> assertEquals(1L, r.get("nip07Listed")),
                    // axe-core finds no serious or critical accessibility problem (WCAG 2.1 A/AA) on the pages it was run on
                    () -> assertEquals(8, ((Map<?, ?>) r.get("a11y")).size(), () -> "pages checked: " + r.get("a11y")),
                    () -> assertTrue(((Map<?, ?>) r.get("a11y")).values().stream().allMatch(v -> ((List<?>) v).isEmpty()), () -> "problems: " + r.get("a11y")),
                    // no secret key in any request or WebSocket frame any page sent
                    () -> assertTrue((Long) r.get("sentCount") > 100, () -> "recorded only " + r.get("sentCount")),
                    () -> assertEquals(14L, r.get("secretsChecked")),
                    () -> assertEquals(0L, r.get("secretSeen")),
                    () -> assertEquals(0L, r.get("nsecSeen")),
                    () -> assertEquals(0L, r.get("ncryptsecSeen")));
        }
    }
}
