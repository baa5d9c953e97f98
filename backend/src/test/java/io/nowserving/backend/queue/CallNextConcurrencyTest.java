package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallNextConcurrencyTest {
    private static final int TICKETS = 1000;

    @Test
    void fiftyClerksOnFiveCountersCallEveryTicketExactlyOnce(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("cc", 5, null))) {
            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                List<Future<?>> issued = new ArrayList<>();
                for (int i = 0; i < TICKETS; i++) {
                    String service = i % 3 == 0 ? "b" : "a";
                    issued.add(pool.submit(() -> assertEquals(201, backend.issue("cc", service).status())));
                }
                for (Future<?> f : issued) {
                    f.get(60, TimeUnit.SECONDS);
                }
                for (int c = 1; c <= 5; c++) {
                    assertEquals(200, backend.counter("cc", Integer.toString(c), "open").status());
                }

                ConcurrentLinkedQueue<String> called = new ConcurrentLinkedQueue<>();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> clerks = new ArrayList<>();
                for (int t = 0; t < 50; t++) {
                    String counter = Integer.toString(t % 5 + 1);
                    clerks.add(pool.submit(() -> {
                        start.await();
                        while (true) {
                            TestBackend.Reply r = backend.counter("cc", counter, "call-next");
                            assertEquals(200, r.status(), () -> "call-next answered " + r.body());
                            JsonNode ticket = r.body().get("ticket");
                            if (ticket.isNull()) {
                                return null;
                            }
                            assertEquals("called", ticket.get("status").asText());
                            assertEquals(counter, ticket.get("counter").asText());
                            called.add(ticket.get("id").asText());
                        }
                    }));
                }
                start.countDown();
                for (Future<?> f : clerks) {
                    f.get(120, TimeUnit.SECONDS);
                }

                Set<String> distinct = new HashSet<>(called);
                assertEquals(TICKETS, called.size(), "every call handed out one ticket");
                assertEquals(TICKETS, distinct.size(), "no ticket was called twice");
                List<JsonNode> calls = Events.ofType(backend, "cc", "ticket.called");
                assertEquals(TICKETS, calls.size());
                assertEquals(TICKETS, calls.stream().map(e -> e.get("ticket").get("id").asText()).distinct().count());
                assertEquals(0, backend.redis().zcard(backend.keys().line("cc", "a")));
                assertEquals(0, backend.redis().zcard(backend.keys().line("cc", "b")));
                // seq is gapless: the stream holds 1..N
                List<JsonNode> all = Events.all(backend, "cc");
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(i + 1, all.get(i).get("seq").asLong());
                }
                assertTrue(all.size() > 2 * TICKETS);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
