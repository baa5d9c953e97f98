package io.nowserving.backend.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.FakeLine;
import io.nowserving.backend.testing.NotifyProbe;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic signed webhook: every non-LINE ticket's notifications, signed, once each, without LINE configured. */
class WebhookNotificationsTest {
    private static final String SECRET = "webhook-secret-for-tests-0001";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void webTicketsAreNotifiedThroughTheSignedWebhook(@TempDir Path dir) throws Exception {
        String b = "wh1";
        try (FakeLine hook = new FakeLine();
                TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_NOTIFY_WEBHOOK_URL", hook.url() + "/hook",
                        "NOWSERVING_NOTIFY_WEBHOOK_SECRET", SECRET, "NOWSERVING_NOTIFY_AHEAD", "1"),
                        TestBranches.branch(b, 1, null))) {
            assertEquals(200, backend.counter(b, "1", "open").status());
            String[] ids = new String[3];
            for (int i = 0; i < 3; i++) {
                ids[i] = backend.issue(b, "a").body().get("id").asText(); // ahead 0, 1, 2
            }
            backend.counter(b, "1", "call-next");
            // the first is called; the third, issued with two ahead, now has one ahead; the second was near already
            Await.until(WAIT, "two webhook calls", () -> hook.hooks().size() == 2);
            NotifyProbe.awaitSettled(backend, b, WAIT);
            List<FakeLine.Call> calls = hook.hooks();
            assertEquals(2, calls.size());
            FakeLine.Call called = calls.stream().filter(c -> c.body().path("kind").asText().equals("called"))
                    .findFirst().orElseThrow();
            assertEquals(ids[0], called.body().path("ticket").asText());
            assertEquals("Counter 1", called.body().path("param").asText());
            FakeLine.Call near = calls.stream().filter(c -> c.body().path("kind").asText().equals("ahead"))
                    .findFirst().orElseThrow();
            assertEquals(ids[2], near.body().path("ticket").asText());
            assertEquals("1", near.body().path("param").asText());
            for (FakeLine.Call c : calls) {
                String ts = c.header("X-NowServing-Timestamp");
                assertNotNull(ts);
                assertTrue(Math.abs(Long.parseLong(ts) - Clock.systemUTC().millis() / 1000) < 60);
                WebhookSender signer = new WebhookSender("http://unused", SECRET, TestBackend.JSON, Clock.systemUTC());
                assertEquals("sha256=" + signer.sign(ts, c.raw().getBytes(StandardCharsets.UTF_8)),
                        c.header("X-NowServing-Signature"));
                signer.close();
                assertEquals(c.body().path("id").asText(), c.header("X-NowServing-Delivery"));
            }
            backend.counter(b, "1", "call-next");
            backend.counter(b, "1", "call-next");
            Await.until(WAIT, "every call", () -> hook.hooks().stream()
                    .filter(c -> c.body().path("kind").asText().equals("called")).count() == 3);
            NotifyProbe.awaitSettled(backend, b, WAIT);
            assertEquals(4, hook.hooks().size(), "nothing twice");
            assertEquals(0, hook.pushes().size(), "no LINE without LINE settings");
        }
    }

    /**
     * Each service's own N: a (1) and b (3) beside the global 2, c (0) never. The tickets that had more than their
     * service's N ahead when issued hear "near" once, at N; under the global N others would.
     */
    @Test
    void eachServiceSaysNearAtItsOwnNumberOnce(@TempDir Path dir) throws Exception {
        String b = "wh2";
        BranchConfig t = TestBranches.branch(b, 1, null);
        BranchConfig branch = new BranchConfig(b, t.name(), t.timeZone(), t.businessDayStart(), t.openingHours(),
                t.closedDays(), true, 0, List.of(new ServiceConfig("a", "General", "A", null, 600, 300, 1),
                new ServiceConfig("b", "Accounts", "B", null, 600, 300, 3),
                new ServiceConfig("c", "Parcels", "C", null, 600, 300, 0)),
                List.of(new CounterConfig("1", "Counter 1", List.of("a")),
                        new CounterConfig("2", "Counter 2", List.of("b")),
                        new CounterConfig("3", "Counter 3", List.of("c"))));
        try (FakeLine hook = new FakeLine()) {
            Map<String, String> settings = new HashMap<>(hook.settings(b));
            settings.put("NOWSERVING_NOTIFY_WEBHOOK_URL", hook.url() + "/hook");
            settings.put("NOWSERVING_NOTIFY_WEBHOOK_SECRET", SECRET);
            settings.put("NOWSERVING_NOTIFY_AHEAD", "2");
            try (TestBackend backend = TestBackend.start(dir, settings, branch)) {
                Map<String, List<String>> ids = new HashMap<>();
                for (String[] s : new String[][] {{"a", "3"}, {"b", "5"}, {"c", "4"}}) {
                    for (int i = 0; i < Integer.parseInt(s[1]); i++) {
                        ids.computeIfAbsent(s[0], k -> new ArrayList<>())
                                .add(backend.issue(b, s[0]).body().get("id").asText());
                    }
                }
                String user = String.format("U%032x", 0x777);
                assertEquals(200, FakeLine.deliver(backend, FakeLine.textEvent("near-1", user, "取號 A")).status());
                Await.until(WAIT, "the LINE ticket taken", () -> hook.replies().size() == 1);
                for (String[] c : new String[][] {{"1", "4"}, {"2", "5"}, {"3", "4"}}) {
                    assertEquals(200, backend.counter(b, c[0], "open").status());
                    for (int i = 0; i < Integer.parseInt(c[1]); i++) {
                        assertEquals(200, backend.counter(b, c[0], "call-next").status());
                        NotifyProbe.awaitSettled(backend, b, WAIT); // one call at a time: positions as they come
                    }
                }
                Map<String, String> near = new HashMap<>();
                for (FakeLine.Call c : hook.hooks()) {
                    if (c.body().path("kind").asText().equals("ahead")) {
                        String was = near.put(c.body().path("ticket").asText(), c.body().path("param").asText());
                        assertEquals(null, was, "near twice for " + c.body());
                    }
                }
                // a (N 1): only the third had more than one ahead; b (N 3): only the fifth; c (N 0): nobody
                assertEquals(Map.of(ids.get("a").get(2), "1", ids.get("b").get(4), "3"), near);
                List<String> pushed = hook.pushes().stream().map(FakeLine.Call::text)
                        .filter(x -> x.contains("前面還有")).toList();
                assertEquals(1, pushed.size(), "the LINE ticket hears it once: " + pushed);
                assertTrue(pushed.get(0).contains("前面還有 1 位"), "at a's N, not the global 2: " + pushed);
                assertEquals(12, hook.hooks().stream().filter(c -> c.body().path("kind").asText().equals("called"))
                        .count(), "every web ticket's call");
            }
        }
    }
}
