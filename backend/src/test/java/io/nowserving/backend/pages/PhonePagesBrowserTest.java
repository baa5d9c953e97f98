package io.nowserving.backend.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The phone pages in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) at a
 * phone's size, 390×844. A customer scans the display's code, takes a ticket and follows it while a clerk calls
 * through the API; another cancels; the first screen on slow 3G; axe-core finds no serious or critical
 * violation; screenshots in both languages go to {@code -Dnowserving.screenshots} (a temporary folder when unset).
 * Without Chromium this fails, saying so: CI installs it.
 */
class PhonePagesBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("nowserving.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("nowserving.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Slow 3G: 400 kbit/s each way (Chromium's own preset) and 400 ms round trip per request (see DECISIONS). */
    private static final Map<String, Object> SLOW_3G = Map.of("offline", false, "latency", 400,
            "downloadThroughput", 50_000, "uploadThroughput", 50_000);
    @TempDir
    static Path dir;
    private static TestBackend backend;
    private static ChromeDriver chrome;
    private static Path shots;
    private static String axe;

    private static BranchConfig onSite(String id) {
        BranchConfig b = TestBranches.branch(id, 2, null);
        return new BranchConfig(b.id(), b.name(), b.timeZone(), b.businessDayStart(), b.openingHours(), b.closedDays(),
                false, b.version(), b.services(), b.counters());
    }

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("Chromium is not installed (" + CHROMIUM + ", " + DRIVER + "): the phone pages' browser test needs"
                    + " it. Install it with: apt-get install -y chromium chromium-driver (or point"
                    + " -Dnowserving.chromium and -Dnowserving.chromedriver at them)");
        }
        String wanted = System.getProperty("nowserving.screenshots", "");
        shots = wanted.isBlank() ? Files.createTempDirectory("phone-screenshots") : Path.of(wanted);
        Files.createDirectories(shots);
        try (InputStream in = PhonePagesBrowserTest.class.getResourceAsStream("axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BranchConfig sw = TestBranches.branch("sw", 1, null);
        sw = new BranchConfig(sw.id(), sw.name(), sw.timeZone(), sw.businessDayStart(), sw.openingHours(),
                sw.closedDays(), true, sw.version(), List.of(new ServiceConfig("a", "General", "A", null, 600, 300, 1),
                sw.services().get(1)), sw.counters());
        backend = TestBackend.start(dir, onSite("main"), TestBranches.branch("shop", 1, null), onSite("slow"),
                TestBranches.branch("wake", 1, null), sw);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--lang=en-US", "--window-size=390,844");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 2, "mobile", true));
    }

    @AfterAll
    static void stop() {
        try {
            if (chrome != null) {
                chrome.quit();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }

    @AfterEach
    void forget() {
        chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        chrome.get(backend.uri("/b/shop").toString());
        chrome.executeScript("localStorage.clear(); sessionStorage.clear();");
        chrome.manage().deleteAllCookies();
    }

    @Test
    void aCustomerTakesATicketFromTheDisplaysCodeAndFollowsItUntilTheClerkCallsIt() throws Exception {
        backend.counter("main", "1", "open");
        for (int i = 0; i < 2; i++) {
            assertEquals(201, backend.staffPost("/api/v1/branches/main/tickets", "{\"service\":\"a\"}").status());
        }
        String display = backend.createDevice("main", "display");
        String qr = backend.sendAs(display, "GET", "/api/v1/branches/main/presence", null).body().get("url").asText();

        chrome.get(qr);
        until("the services are shown", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
        assertEquals("en", lang(), "English from the browser's language");
        assertTrue(text("services").contains("2 waiting"), text("services"));
        assertTrue(text("services").contains("General"), "the service names");
        accessible("take page");
        screenshot("phone-take-en.png");
        switchLanguage("zh-TW");
        until("the words in Chinese", () -> text("services").contains("2 人等候中"));
        accessible("take page, Chinese");
        screenshot("phone-take-zh-TW.png");
        switchLanguage("en");

        chrome.findElements(By.cssSelector("button.service")).get(0).click();
        until("the ticket page", () -> chrome.getCurrentUrl().contains("/t/main/"));
        String url = chrome.getCurrentUrl();
        String id = url.replaceAll(".*/t/main/([0-9A-Z]+)#.*", "$1");
        String token = url.substring(url.indexOf('#') + 1);
        until("the number and the people ahead", () -> text("number").equals("A003") && text("ahead").equals("2"));
        assertTrue(text("estimate").startsWith("about "), text("estimate"));
        accessible("ticket page");
        screenshot("phone-ticket-en.png");
        switchLanguage("zh-TW");
        until("the ticket in Chinese", () -> text("card").contains("前面還有"));
        accessible("ticket page, Chinese");
        screenshot("phone-ticket-zh-TW.png");
        switchLanguage("en");

        // scanning again opens the ticket already held (the device cookie), its token rotated
        chrome.get(backend.sendAs(display, "GET", "/api/v1/branches/main/presence", null).body().get("url").asText());
        until("the ticket held, offered", () -> text("held").contains("Your ticket A003"));
        chrome.findElements(By.cssSelector("button.service")).get(0).click();
        until("the same ticket again", () -> chrome.getCurrentUrl().contains("/t/main/" + id + "#"));
        String rotated = chrome.getCurrentUrl().substring(chrome.getCurrentUrl().indexOf('#') + 1);
        assertFalse(rotated.equals(token), "a fresh token");
        until("the ticket live again", () -> text("ahead").equals("2"));

        // the token never travels in a request line: only in X-Ticket-Token
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) chrome.executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        assertTrue(requested.stream().anyMatch(u -> u.contains("/stream-token")), String.valueOf(requested));
        assertTrue(requested.stream().noneMatch(u -> u.contains(rotated) || u.contains(token)), "no token in a URL");

        chrome.executeScript(spies());
        backend.counter("main", "1", "call-next");
        until("one fewer ahead", () -> text("ahead").equals("1"));
        backend.counter("main", "1", "call-next");
        until("next", () -> text("ahead").equals("You’re next"));
        assertFalse(chrome.findElement(By.id("called")).isDisplayed(), "not yet called");
        backend.counter("main", "1", "call-next");
        until("the called screen", () -> chrome.findElement(By.id("called")).isDisplayed());
        assertEquals("A003", text("calledNumber"));
        assertEquals("Counter 1", text("calledWhere"));
        assertEquals("Please go to", chrome.findElement(By.cssSelector(".called-go")).getText());
        assertFalse(chrome.findElement(By.id("page")).isDisplayed(), "the call takes the whole screen");
        // no permission granted for real: the worker's notification is refused and the page falls back to its own
        until("vibration, sound and a notification", () -> alerts().containsAll(List.of("vibrate", "beep",
                "notification")));
        accessible("called screen");
        screenshot("phone-called-en.png");
        switchLanguage("zh-TW");
        until("the call in Chinese", () -> text("calledTitle").equals("輪到您了"));
        accessible("called screen, Chinese");
        screenshot("phone-called-zh-TW.png");
        switchLanguage("en");

        // served: the page says so and offers a new ticket
        backend.counter("main", "1", "complete");
        until("served", () -> text("closedText").contains("You have been served"));
        assertTrue(chrome.findElement(By.id("again")).isDisplayed());
        assertEquals("completed", backend.staffGet("/api/v1/branches/main/tickets/" + id).body().get("status").asText());
    }

    @Test
    void anotherCustomerCancelsAfterConfirmingAndComesBackAfterANoShow() throws Exception {
        // a branch with remote queueing: the page needs no code
        chrome.get(backend.uri("/b/shop").toString());
        until("the services", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
        chrome.findElements(By.cssSelector("button.service")).get(1).click();
        until("the ticket", () -> text("number").equals("B001"));
        String id = chrome.getCurrentUrl().replaceAll(".*/t/shop/([0-9A-Z]+)#.*", "$1");
        until("waiting", () -> chrome.findElement(By.id("cancel")).isDisplayed());
        // the token is kept on the phone: the page works even from a link that lost its fragment
        chrome.get(backend.uri("/t/shop/" + id).toString());
        until("the ticket, from the phone's storage", () -> text("number").equals("B001")
                && chrome.findElement(By.id("cancel")).isDisplayed());

        chrome.findElement(By.id("cancel")).click();
        until("the question", () -> chrome.findElement(By.id("confirm")).isDisplayed());
        assertTrue(text("confirmText").contains("B001"));
        accessible("cancel confirmation");
        chrome.findElement(By.id("confirmNo")).click();
        assertEquals("waiting", backend.staffGet("/api/v1/branches/shop/tickets/" + id).body().get("status").asText(),
                "kept when the customer says no");
        chrome.findElement(By.id("cancel")).click();
        chrome.findElement(By.id("confirmYes")).click();
        until("cancelled", () -> text("closedText").equals("This ticket is cancelled."));
        assertEquals("cancelled", backend.staffGet("/api/v1/branches/shop/tickets/" + id).body().get("status")
                .asText());

        // a no-show within the service's grace period: "I'm back" puts the ticket in line again
        chrome.get(backend.uri("/b/shop").toString());
        until("the services", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
        chrome.findElements(By.cssSelector("button.service")).get(0).click();
        until("the ticket", () -> text("number").equals("A001"));
        backend.counter("shop", "1", "open");
        backend.counter("shop", "1", "call-next");
        until("called", () -> chrome.findElement(By.id("called")).isDisplayed());
        backend.counter("shop", "1", "no-show");
        until("missed", () -> text("closedText").equals("You missed your turn."));
        assertTrue(text("graceText").contains("5 min"), text("graceText"));
        accessible("no-show");
        chrome.findElement(By.id("back")).click();
        until("back in line", () -> chrome.findElement(By.id("waiting")).isDisplayed());
        String again = chrome.getCurrentUrl().replaceAll(".*/t/shop/([0-9A-Z]+)#.*", "$1");
        assertEquals("waiting", backend.staffGet("/api/v1/branches/shop/tickets/" + again).body().get("status")
                .asText());
    }

    @Test
    void theTicketPageReconnectsAfterAnErrorAndCatchesUpWhenThePhoneWakes() throws Exception {
        // the test's handle on the page's feeds, to cut them as a network or a phone's sleep would
        Object script = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(function () { var ES = window.EventSource; window.__feeds = [];"
                        + " window.EventSource = function (u, o) { var e = new ES(u, o); window.__feeds.push(e);"
                        + " return e; }; window.EventSource.prototype = ES.prototype; })();")).get("identifier");
        try {
            assertEquals(201, backend.staffPost("/api/v1/branches/wake/tickets", "{\"service\":\"a\"}").status());
            chrome.get(backend.uri("/b/wake").toString());
            until("the services", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
            chrome.findElements(By.cssSelector("button.service")).get(0).click();
            until("the ticket page", () -> chrome.getCurrentUrl().contains("/t/wake/"));
            // a page that trusts a connection it could not watch for 1 s instead of 10 (?wake=, ms)
            String page = chrome.getCurrentUrl();
            chrome.get(page.replace("#", "?wake=1000#"));
            until("the ticket live", () -> text("ahead").equals("1"));
            assertEquals(1000L, chrome.executeScript("return NS.wakeMs;"), "the page's setting from ?wake=");
            chrome.executeScript(spies());

            // the feed fails: a fresh stream token, a new feed, and what happened meanwhile
            chrome.executeScript("window.__feeds.forEach(function (e) { e.close(); e.dispatchEvent(new Event('error')); });");
            backend.counter("wake", "1", "open");
            backend.counter("wake", "1", "call-next");
            until("caught up after the error", () -> text("ahead").equals("You’re next"));
            assertEquals(2L, chrome.executeScript("return performance.getEntriesByType('resource').filter(function (e)"
                    + " { return e.name.indexOf('/stream-token') > 0; }).length;"), "a second stream token");

            // the phone sleeps and its connection dies without a word; the call comes meanwhile
            visibility("hidden");
            chrome.executeScript("window.__feeds.forEach(function (e) { e.close(); });");
            backend.counter("wake", "1", "call-next");
            until("asleep for longer than the page trusts a connection it could not watch", () -> Boolean.TRUE.equals(
                    chrome.executeScript("return Date.now() - window.__hiddenAt > NS.wakeMs;")));
            assertFalse(chrome.findElement(By.id("called")).isDisplayed(), "no news while asleep");
            long woke = System.nanoTime();
            visibility("visible");
            until("the call, once awake", () -> chrome.findElement(By.id("called")).isDisplayed());
            long ms = (System.nanoTime() - woke) / 1_000_000;
            assertTrue(ms < 3000, "caught up " + ms + " ms after waking");
            List<String> alerts = alerts();
            assertTrue(alerts.contains("vibrate") && alerts.contains("beep"), "a call missed asleep still alerts: "
                    + alerts);
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }

    /** The phone's screen goes off ("hidden") or on ("visible"), as the page sees it. */
    private static void visibility(String state) {
        chrome.executeScript("window.__hiddenAt = '" + state + "' === 'hidden' ? Date.now() : window.__hiddenAt;"
                + "Object.defineProperty(document, 'visibilityState', {configurable: true,"
                + " get: function () { return arguments.length ? 'x' : '" + state + "'; }});"
                + "document.dispatchEvent(new Event('visibilitychange'));");
    }

    @Test
    void theTicketPageNotifiesThroughItsServiceWorkerAtItsServicesNumber() throws Exception {
        // service a of branch sw says "near" at 1 ahead (the global default is 3)
        String origin = backend.uri("/").toString().replaceAll("/$", "");
        chrome.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("notifications")));
        try {
            for (int i = 0; i < 2; i++) {
                assertEquals(201, backend.staffPost("/api/v1/branches/sw/tickets", "{\"service\":\"a\"}").status());
            }
            chrome.get(backend.uri("/b/sw").toString());
            until("the services", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
            chrome.findElements(By.cssSelector("button.service")).get(0).click();
            until("the ticket live", () -> text("ahead").equals("2"));
            until("the service worker active", () -> Boolean.TRUE.equals(chrome.executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "navigator.serviceWorker.getRegistration().then(function (r) { done(!!(r && r.active)); },"
                            + " function () { done(false); });")));
            assertEquals("granted", chrome.executeScript("return Notification.permission;"));
            assertEquals(List.of(), notifications(), "nothing yet at 2 ahead");
            // every notification the page asks of its worker, in order (one tag replaces the last in the tray)
            chrome.executeScript("window.__shown = []; var show = ServiceWorkerRegistration.prototype.showNotification;"
                    + "ServiceWorkerRegistration.prototype.showNotification = function (title) {"
                    + " window.__shown.push(title); return show.apply(this, arguments); };"
                    + "window.__plain = []; var N = window.Notification;"
                    + "window.Notification = function (title, o) { window.__plain.push(title); return new N(title, o); };"
                    + "window.Notification.permission = N.permission;");

            backend.counter("sw", "1", "open");
            backend.counter("sw", "1", "call-next");
            until("one ahead", () -> text("ahead").equals("1"));
            // the worker's tray, read back; on a miss the message says what the tray and the page had instead
            List<String> near = List.of("NowServing: almost your turn|1 ahead of you");
            until("'almost your turn' through the worker", WAIT.multipliedBy(2), () -> notifications().equals(near),
                    () -> "the tray held " + notifications() + "; the page asked the worker for "
                            + chrome.executeScript("return window.__shown;") + " and the page itself for "
                            + chrome.executeScript("return window.__plain;"));
            backend.counter("sw", "1", "call-next");
            backend.counter("sw", "1", "call-next");
            until("the called screen", () -> chrome.findElement(By.id("called")).isDisplayed());
            until("the call through the worker, in place of the other", () -> notifications()
                    .equals(List.of("NowServing: your turn|A003 \u2192 Counter 1")));
            assertEquals(List.of("NowServing: almost your turn", "NowServing: your turn"),
                    chrome.executeScript("return window.__shown;"), "'almost' once, though the line moved again");
        } finally {
            chrome.executeCdpCommand("Browser.resetPermissions", Map.of());
            chrome.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "navigator.serviceWorker.getRegistrations().then(function (rs) {"
                    + " return Promise.all(rs.map(function (r) { return r.unregister(); })); }).then(done, done);");
        }
    }

    /** The notifications the page's service worker shows now: "title|body". */
    @SuppressWarnings("unchecked")
    private static List<String> notifications() {
        return (List<String>) chrome.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "navigator.serviceWorker.getRegistration().then(function (r) { return r ? r.getNotifications() : []; })"
                + ".then(function (ns) { done(ns.map(function (n) { return n.title + '|' + n.body; })); },"
                + " function (e) { done(['failed: ' + e]); });");
    }

    @SuppressWarnings("unchecked")
    private static List<String> alerts() {
        return (List<String>) chrome.executeScript("return window.__alerts;");
    }

    @Test
    void withoutAValidCodeThePageAsksToScanAgain() throws Exception {
        chrome.get(backend.uri("/b/main").toString());
        until("the notice", () -> chrome.findElement(By.id("scan")).isDisplayed());
        assertEquals("Scan the code on the screen again", chrome.findElement(By.cssSelector("#scan h2")).getText());
        assertTrue(chrome.findElements(By.cssSelector("button.service")).isEmpty(), "nothing to take");
        assertTrue(text("services").contains("General"), "the waiting lines are still shown");
        accessible("scan again");

        // a code that has expired (its expiry is in the past by the server's clock)
        chrome.get(backend.uri("/b/main#p=main.1000.k.mac").toString());
        chrome.navigate().refresh();
        until("the notice", () -> chrome.findElement(By.id("scan")).isDisplayed());

        // a code refused by the server (forged): the same notice after the tap
        chrome.get(backend.uri("/b/main#p=main." + (System.currentTimeMillis() + 60_000) + ".k.forged").toString());
        chrome.navigate().refresh();
        until("the services", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
        chrome.findElements(By.cssSelector("button.service")).get(0).click();
        until("the notice", () -> chrome.findElement(By.id("scan")).isDisplayed());
        assertTrue(text("error").contains("scan the code on the screen again"), text("error"));
    }

    @Test
    void bothPagesShowTheirFirstScreenWithinASecondOnSlow3G() throws Exception {
        String display = backend.createDevice("slow", "display");
        String qr = backend.sendAs(display, "GET", "/api/v1/branches/slow/presence", null).body().get("url").asText();
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        chrome.executeCdpCommand("Network.emulateNetworkConditions", SLOW_3G);

        chrome.get("about:blank");
        chrome.get(qr);
        until("the services", () -> chrome.findElements(By.cssSelector("button.service")).size() == 2);
        Map<String, Object> take = timings();
        System.out.println("take page on slow 3G: " + take);
        assertTrue(number(take, "responseEnd") >= 400, "the emulation is on: " + take);
        assertTrue(number(take, "firstScreen") < 1000, "take page first screen: " + take);
        assertTrue(number(take, "firstContentfulPaint") < 1000, "take page first paint: " + take);
        assertTrue(number(take, "weight") < 50 * 1024, "take page weight: " + take);

        chrome.findElements(By.cssSelector("button.service")).get(0).click();
        until("the ticket live", () -> text("ahead").equals("You’re next"));
        String track = chrome.getCurrentUrl();
        chrome.get("about:blank");
        chrome.get(track);
        until("the number", () -> text("number").equals("A001"));
        Map<String, Object> ticket = timings();
        until("the ticket live", () -> text("ahead").equals("You’re next"));
        System.out.println("ticket page on slow 3G: " + ticket + ", live after "
                + chrome.executeScript("return performance.now();") + " ms at most");
        assertTrue(number(ticket, "firstScreen") < 1000, "ticket page first screen: " + ticket);
        assertTrue(number(ticket, "firstContentfulPaint") < 1000, "ticket page first paint: " + ticket);
        assertTrue(number(ticket, "weight") < 50 * 1024, "ticket page weight: " + ticket);
    }

    /** Navigation and paint timings of the page shown, in ms from the start of its navigation. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> timings() throws InterruptedException {
        until("the first paint", () -> Boolean.TRUE.equals(chrome.executeScript(
                "return performance.getEntriesByName('first-contentful-paint').length > 0;")));
        return (Map<String, Object>) chrome.executeScript(
                "var n = performance.getEntriesByType('navigation')[0];"
                        + "var f = performance.getEntriesByName('first-screen')[0];"
                        + "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                        + "return {requestStart: n.requestStart, responseStart: n.responseStart,"
                        + " responseEnd: n.responseEnd, weight: n.decodedBodySize, transfer: n.transferSize,"
                        + " firstScreen: f ? f.startTime : 1e9, firstContentfulPaint: p ? p.startTime : 1e9};");
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** Records the page's vibration, sound and notification instead of making them (headless has none). */
    private static String spies() {
        return "window.__alerts = [];"
                + "navigator.vibrate = function () { window.__alerts.push('vibrate'); return true; };"
                + "var osc = AudioContext.prototype.createOscillator;"
                + "AudioContext.prototype.createOscillator = function () { window.__alerts.push('beep');"
                + " return osc.apply(this, arguments); };"
                + "window.Notification = function (title) { window.__alerts.push('notification'); };"
                + "window.Notification.permission = 'granted';";
    }

    private static void switchLanguage(String to) throws InterruptedException {
        List<WebElement> switches = chrome.findElements(By.cssSelector(".lang"));
        switches.stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        until("the page in " + to, () -> to.equals(lang()));
    }

    private static String lang() {
        return (String) chrome.executeScript("return document.documentElement.lang;");
    }

    private static String text(String id) {
        return chrome.findElement(By.id(id)).getText();
    }

    private static void screenshot(String name) throws IOException, InterruptedException {
        until("the page at rest (no animation running)", () -> Boolean.TRUE.equals(chrome.executeScript(
                "return document.getAnimations().every(function (a) { return a.playState !== 'running'; });")));
        Files.write(shots.resolve(name), chrome.getScreenshotAs(OutputType.BYTES));
    }

    /** axe-core on the page as it is: no serious or critical violation. */
    private static void accessible(String what) {
        chrome.executeScript(axe);
        Object found = chrome.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + " done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + " .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }));"
                + "}, function (e) { done(['axe failed: ' + e]); });");
        assertEquals(List.of(), found, "accessibility of the " + what);
    }

    private static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
        until(what, WAIT, condition, () -> "");
    }

    /** Polls {@code condition} for up to {@code wait}; a miss says {@code seen} (what there was instead). */
    private static void until(String what, Duration wait, Supplier<Boolean> condition, Supplier<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        WebDriverException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (WebDriverException e) {
                last = e; // an element not there yet, or replaced while read
            }
            Thread.sleep(100);
        }
        String instead = seen.get();
        throw new AssertionError("timed out after " + wait.toSeconds() + " s waiting until " + what
                + (instead.isEmpty() ? "" : ": " + instead)
                + (last == null ? "" : " (" + last.getMessage().lines().findFirst().orElse("") + ")"));
    }
}
