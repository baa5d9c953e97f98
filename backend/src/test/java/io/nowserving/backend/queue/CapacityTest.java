package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityTest {

    @Test
    void twoThousandRacersForThreeHundredPlacesGetExactlyThreeHundredTickets(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("cap", 2, 300))) {
            ExecutorService pool = Executors.newFixedThreadPool(200);
            AtomicInteger refused = new AtomicInteger();
            Set<String> numbers = ConcurrentHashMap.newKeySet();
            Map<String, Integer> unexpected = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    all.add(pool.submit(() -> {
                        start.await();
                        TestBackend.Reply r = backend.issue("cap", "a");
                        if (r.status() == 201) {
                            numbers.add(r.body().get("number").asText());
                        } else if (r.status() == 409 && "capacity_exhausted".equals(r.code())) {
                            refused.incrementAndGet();
                        } else {
                            unexpected.merge(r.status() + " " + r.code(), 1, Integer::sum);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : all) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(Map.of(), unexpected);
            assertEquals(300, numbers.size(), "exactly the capacity was issued, each number once");
            assertEquals(1700, refused.get());
            for (int n = 1; n <= 300; n++) {
                assertEquals(true, numbers.contains(String.format("A%03d", n)), "A" + n + " issued");
            }
            assertEquals(300, backend.redis().zcard(backend.keys().line("cap", "a")), "the line holds them all");
            assertEquals(300, Events.ofType(backend, "cap", "ticket.issued").size(), "one event per ticket");
            TestBackend.Reply snapshot = backend.get("/api/v1/branches/cap");
            assertEquals(0, snapshot.body().get("services").get(0).get("capacityLeft").asInt());
            assertEquals(300, snapshot.body().get("services").get(0).get("waiting").asInt());
        }
    }
}
