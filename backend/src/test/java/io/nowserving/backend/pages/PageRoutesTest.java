package io.nowserving.backend.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phone pages as served: HTML, their own policy, nothing from other sites, small, 404 for what is not there. */
class PageRoutesTest {
    private static final String TICKET_ID = "01JF0000000000000000000000";
    private static final String HOSTILE = "Shop </script><script>alert(1)</script> & <!-- Co";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"ns-data\">(.*?)</script>", Pattern.DOTALL);
    @TempDir
    static Path dir;
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        BranchConfig t = TestBranches.branch("pg", 2, null);
        BranchConfig b = new BranchConfig(t.id(), t.name(), t.timeZone(), t.businessDayStart(), t.openingHours(),
                t.closedDays(), t.remoteQueueing(), t.version(), List.of(t.services().get(0),
                new ServiceConfig("b", "Accounts", "B", null, 600, 300, 5)), t.counters());
        BranchConfig hostile = TestBranches.branch("evil", 1, null);
        hostile = new BranchConfig(hostile.id(), HOSTILE, hostile.timeZone(), hostile.businessDayStart(),
                hostile.openingHours(), hostile.closedDays(), false, hostile.version(),
                List.of(new ServiceConfig("a", "<img src=x onerror=alert(1)>", "A", null, 600, 300)),
                hostile.counters().stream().map(c -> new io.nowserving.backend.config.CounterConfig(c.id(), c.name(),
                        List.of("a"))).toList());
        backend = TestBackend.start(dir, b, hostile);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void bothPagesAreHtmlWithAPolicyAdmittingOnlyTheirOwnInlineCodeAndNothingFromOtherSites() throws Exception {
        for (String path : List.of("/b/pg", "/t/pg/" + TICKET_ID)) {
            Reply r = backend.get(path);
            String html = r.raw().body();
            assertEquals(200, r.status(), path);
            assertEquals("text/html;charset=utf-8", r.header("Content-Type").replace(" ", "").toLowerCase(), path);
            assertEquals("no-store", r.header("Cache-Control"), path);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);

            String csp = r.header("Content-Security-Policy");
            assertTrue(csp.startsWith("default-src 'self';"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'")
                    && csp.contains("base-uri 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("*"), csp);
            Matcher script = INLINE_SCRIPT.matcher(html);
            assertTrue(script.find(), "one inline script");
            assertTrue(csp.contains("script-src " + sha256(script.group(1)) + ";")
                    || csp.endsWith("script-src " + sha256(script.group(1))), "the script is admitted by its hash");
            assertFalse(script.find(), "and only one");
            Matcher style = STYLE.matcher(html);
            assertTrue(style.find());
            assertTrue(csp.contains("style-src " + sha256(style.group(1))), "the stylesheet is admitted by its hash");

            assertFalse(html.contains("http://") || html.contains("https://"), path + " names no other site");
            assertFalse(Pattern.compile("(src|href|action)\\s*=\\s*\"(?!data:|/[^/]|#)").matcher(html).find(),
                    path + " loads nothing but its own origin's paths");
            assertFalse(html.contains("<script src") || html.contains("rel=\"stylesheet\""), "everything inline");
            // HTML, its script and its stylesheet are one answer: its size is the page's whole weight
            int weight = html.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(weight < 50 * 1024, path + " weighs " + weight + " bytes");
        }
    }

    @Test
    void thePagesCarryTheBranchsPublicStateAndForTheTicketOnlyItsId() throws Exception {
        JsonNode take = data(backend.get("/b/pg").raw().body());
        assertEquals("pg", take.get("branch").asText());
        assertTrue(take.get("remote").asBoolean());
        assertEquals(300, take.get("grace").get("a").asInt());
        assertEquals(3, take.get("near").get("a").asInt(), "near: the global NOWSERVING_NOTIFY_AHEAD");
        assertEquals(5, take.get("near").get("b").asInt(), "near: the service's own");
        assertEquals(2, take.get("snapshot").get("services").size());
        assertTrue(take.get("snapshot").get("counters").get(0).get("clerk") == null
                || take.get("snapshot").get("counters").get(0).get("clerk").isNull(), "no staff identity");
        assertFalse(take.has("ticket"));
        JsonNode ticket = data(backend.get("/t/pg/" + TICKET_ID).raw().body());
        assertEquals(TICKET_ID, ticket.get("ticket").asText(), "the id only: without its token the page knows no more");
    }

    @Test
    void namesFromTheConfigurationCannotBreakOutOfTheDataBlock() throws Exception {
        String html = backend.get("/b/evil").raw().body();
        assertFalse(html.contains("<script>alert(1)") || html.contains("<img src=x"), "escaped");
        Matcher script = INLINE_SCRIPT.matcher(html);
        int scripts = 0;
        while (script.find()) {
            scripts++;
        }
        assertEquals(1, scripts, "still one executable script");
        JsonNode d = data(html);
        assertEquals(HOSTILE, d.get("snapshot").get("name").asText(), "and the name arrives intact");
        assertFalse(d.get("remote").asBoolean());
    }

    @Test
    void theServiceWorkerIsAScriptOfThisOriginThatCachesNothingAndTheTicketPageMayRegisterIt() {
        Reply r = backend.get("/sw.js");
        assertEquals(200, r.status());
        assertEquals("text/javascript;charset=utf-8", r.header("Content-Type").replace(" ", "").toLowerCase());
        assertEquals("no-cache", r.header("Cache-Control"), "a new version reaches phones at their next visit");
        assertEquals("default-src 'none'", r.header("Content-Security-Policy"), "the worker loads nothing");
        String js = r.raw().body();
        assertTrue(js.contains("notificationclick"), js);
        assertFalse(js.contains("'fetch'") || js.contains("caches."), "no fetch handler, no cache: " + js);
        assertTrue(backend.get("/t/pg/" + TICKET_ID).header("Content-Security-Policy").contains("worker-src 'self'"),
                "the ticket page may register it");
    }

    @Test
    void unknownBranchesAndMalformedIdsAnswerA404Page() {
        for (String path : List.of("/b/nope", "/t/nope/" + TICKET_ID, "/t/pg/not-a-ticket", "/b/Bad_Id",
                "/b/" + "x".repeat(40))) {
            Reply r = backend.get(path);
            assertEquals(404, r.status(), path);
            assertTrue(r.header("Content-Type").startsWith("text/html"), path);
            assertTrue(r.raw().body().contains("找不到") && r.raw().body().contains("does not exist"), "in both languages");
            assertTrue(r.header("Content-Security-Policy").contains("script-src 'none'"), "a page without code");
        }
    }

    private static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertTrue(m.find(), "the data block");
        return TestBackend.JSON.readTree(m.group(1));
    }

    private static String sha256(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
    }
}
