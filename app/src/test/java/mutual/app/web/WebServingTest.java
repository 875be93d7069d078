package mutual.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.app.node.RunningNode;
import mutual.protocol.TestJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a node serves its web interface and the place lookup beside the relay, NIP-11 and the aid API. */
class WebServingTest {
    @TempDir
    Path dir;
    RunningNode node;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        node = Browser.node(dir);
        base = "http://127.0.0.1:" + node.port();
    }

    @AfterEach
    void stop() {
        node.close();
        System.clearProperty("mutual.gazetteer");
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesThePageUncachedAndItsHashedAssetsImmutableAndGzipped() throws Exception {
        assumeTrue(WebAssets.create().built(), "the web interface was not built (scripts/build-web.sh); skipping");
        HttpResponse<byte[]> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-cache", page.headers().firstValue("cache-control").orElseThrow());
        assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().contains("script-src 'self'"));
        Matcher js = Pattern.compile("/assets/app-[A-Z0-9]+\\.js").matcher(new String(page.body()));
        assertTrue(js.find(), "the page names its hashed script");

        HttpResponse<byte[]> plain = get(js.group());
        assertEquals("text/javascript; charset=utf-8", plain.headers().firstValue("content-type").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", plain.headers().firstValue("cache-control").orElseThrow());
        assertTrue(plain.headers().firstValue("content-encoding").isEmpty());
        HttpResponse<byte[]> gz = get(js.group(), "Accept-Encoding", "gzip");
        assertEquals("gzip", gz.headers().firstValue("content-encoding").orElseThrow());
        assertTrue(gz.body().length < plain.body().length / 2, "the gzip twin is sent: " + gz.body().length + " of " + plain.body().length);
        assertEquals("Accept-Encoding", gz.headers().firstValue("vary").orElseThrow());

        assertEquals(404, get("/assets/app-NOPE.js").statusCode());
        assertTrue(get("/assets/..%2Findex.html").statusCode() >= 400, "no way out of the assets");
        assertEquals(404, get("/elsewhere").statusCode());
    }

    @Test
    void theFirstLoadIsUnder300KiBCompressedAsSent() throws Exception {
        assumeTrue(WebAssets.create().built(), "the web interface was not built (scripts/build-web.sh); skipping");
        HttpResponse<byte[]> page = get("/", "Accept-Encoding", "gzip");
        String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(page.body())).readAllBytes());
        long total = page.body().length;
        Matcher assets = Pattern.compile("/assets/[A-Za-z0-9._-]+").matcher(html);
        int count = 0;
        while (assets.find()) {
            total += get(assets.group(), "Accept-Encoding", "gzip").body().length;
            count++;
        }
        assertEquals(2, count, "the page loads one script and one stylesheet");
        assertTrue(total < 300 * 1024, "first load " + total + " bytes compressed");
    }

    @Test
    void theRootStillAnswersNip11AndTheAidApiIsNotShadowed() throws Exception {
        HttpResponse<byte[]> info = get("/", "Accept", "application/nostr+json");
        assertEquals("application/nostr+json", info.headers().firstValue("content-type").orElseThrow());
        assertTrue(TestJson.map(TestJson.parse(new String(info.body()))).containsKey("pubkey"));
        assertEquals(200, get("/api/listings").statusCode());
        assertEquals(200, get("/api/status").statusCode());
    }

    @Test
    void placesAreLookedUpByNameWithSuggestionsAndByCell() throws Exception {
        Map<String, Object> lisbon = json(get("/api/places?q=lisb"));
        List<Object> places = TestJson.list(lisbon.get("places"));
        assertEquals(2, places.size());
        Map<String, Object> first = TestJson.map(places.get(0));
        assertEquals("Lisbon, PT", first.get("label"));
        assertEquals("eycs20j", first.get("geohash"), "7 characters: the finest a listing may use");
        List<Object> almada = TestJson.list(json(get("/api/places?q=Almada,%20Portugal")).get("places"));
        assertEquals(List.of("Almada, PT"), almada.stream().map(p -> TestJson.map(p).get("label")).toList());
        String almadaCell = TestJson.map(almada.get(0)).get("geohash").toString().substring(0, 5);
        Map<String, Object> lisboa = json(get("/api/places?q=Lisboa"));
        assertEquals(List.of(), lisboa.get("places"));
        assertEquals(List.of("Lisbon, PT", "Lisbon, US"), lisboa.get("suggestions"));
        assertEquals("Almada, PT", TestJson.map(TestJson.list(json(get("/api/places?near=" + almadaCell)).get("places")).get(0)).get("label"));
        HttpResponse<byte[]> bad = get("/api/places");
        assertEquals(400, bad.statusCode());
        assertTrue(json(bad).get("error").toString().contains("give q"));
        assertEquals(400, get("/api/places?near=not-a-cell").statusCode());
    }

    static Map<String, Object> json(HttpResponse<byte[]> r) {
        return TestJson.map(TestJson.parse(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)));
    }
}
