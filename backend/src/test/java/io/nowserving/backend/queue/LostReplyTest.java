package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.ReplyCuttingProxy;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lost Redis answer is absorbed by the backend: through a proxy that cuts the connection after one script in 15
 * reached Redis (it ran, its answer never arrives), take-tickets and call-nexts sent once, without an Idempotency-Key
 * as a browser or curl sends them and with one as the apps send them, are all answered below 500, and each took
 * effect exactly once.
 */
class LostReplyTest {
    private static final int TAKES = 40;
    private static final int CALLS = 16;

    @Test
    void plainRequestsThroughLostRepliesAreAnsweredAndTakeEffectExactlyOnce(@TempDir Path dir) throws Exception {
        throughLostReplies(dir, false);
    }

    @Test
    void requestsWithIdempotencyKeysThroughLostRepliesAreAnsweredAndTakeEffectExactlyOnce(@TempDir Path dir)
            throws Exception {
        throughLostReplies(dir, true);
    }

    private static String[] key(boolean withKeys) {
        return withKeys ? new String[] {"Idempotency-Key", java.util.UUID.randomUUID().toString()} : new String[0];
    }

    private void throughLostReplies(Path dir, boolean withKeys) throws Exception {
        try (ReplyCuttingProxy proxy = ReplyCuttingProxy.start(TestRedis.url(), 15);
             TestBackend backend = TestBackend.start(dir, Map.of("REDIS_URL", proxy.url(TestRedis.url())),
                     TestBranches.branch("lr", 2, null))) {
            String kiosk = backend.createDevice("lr", "kiosk");
            assertEquals(200, backend.counter("lr", "1", "open").status());
            assertEquals(200, backend.counter("lr", "2", "open").status());
            int before = Events.all(backend, "lr").size();

            proxy.arm();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> called = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < TAKES; i++) {
                    boolean byKiosk = i % 2 == 0;
                    work.add(pool.submit(() -> {
                        String body = "{\"service\":\"a\"}";
                        TestBackend.Reply r = byKiosk
                                ? backend.sendAs(kiosk, "POST", "/api/v1/branches/lr/tickets", body, key(withKeys))
                                : backend.post("/api/v1/branches/lr/tickets", body, key(withKeys));
                        if (r.status() == 201) {
                            issued.add(r.body().get("id").asText());
                        } else {
                            failures.add("take-ticket " + r.status() + " " + r.body());
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get(120, TimeUnit.SECONDS);
                }
                work.clear();
                for (int i = 0; i < CALLS; i++) {
                    String counter = Integer.toString(i % 2 + 1);
                    work.add(pool.submit(() -> {
                        TestBackend.Reply r = backend.staffPost("/api/v1/branches/lr/counters/" + counter
                                + "/call-next", null, key(withKeys));
                        if (r.status() != 200) {
                            failures.add("call-next " + r.status() + " " + r.body());
                        } else if (!r.body().get("ticket").isNull()) {
                            called.add(r.body().get("ticket").get("id").asText());
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                proxy.disarm();
                pool.shutdownNow();
            }

            assertTrue(proxy.cuts() > 0, "the proxy cut some answers");
            assertTrue(failures.stream().noneMatch(f -> f.matches("\\S+ 5\\d\\d .*")), () -> "5xx: " + failures);
            List<JsonNode> events = Events.all(backend, "lr").subList(before, Events.all(backend, "lr").size());
            List<String> issuedEvents = events.stream().filter(e -> e.get("type").asText().equals("ticket.issued"))
                    .map(e -> e.get("ticket").get("id").asText()).toList();
            List<String> calledEvents = events.stream().filter(e -> e.get("type").asText().equals("ticket.called"))
                    .map(e -> e.get("ticket").get("id").asText()).toList();
            assertEquals(TAKES, issued.size(), () -> "every take-ticket answered 201: " + failures);
            assertEquals(Set.copyOf(issued), new HashSet<>(issuedEvents), "each 201 issued its ticket, nothing else");
            assertEquals(issued.size(), issuedEvents.size(), "no ticket issued twice");
            assertEquals(CALLS, called.size(), () -> "every call-next called someone: " + failures);
            assertEquals(Set.copyOf(called), new HashSet<>(calledEvents), "each call answered is the call made");
            assertEquals(called.size(), calledEvents.size(), "no call made twice");
        }
    }
}
