package io.nowserving.backend.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.FakeLine;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
            Thread.sleep(300);
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
            Thread.sleep(300);
            assertEquals(4, hook.hooks().size(), "nothing twice");
            assertEquals(0, hook.pushes().size(), "no LINE without LINE settings");
        }
    }
}
