package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of every action, from many threads at once. After each round: every ticket is in exactly one
 * place (its service's line, one counter, or closed), and replaying the stream gives the same state as Redis.
 */
class QueueStateMachineTest {
    private static final String B = "sm";
    private static final List<String> COUNTERS = List.of("1", "2", "3");
    private static final Set<String> CLOSED = Set.of("completed", "no_show", "cancelled", "reset");

    private record Issued(String id, String token) {
    }

    private final List<Issued> tickets = new CopyOnWriteArrayList<>();

    @Test
    void randomConcurrentActionsKeepEveryTicketInOnePlaceAndTheStreamReplaysToTheState(@TempDir Path dir)
            throws Exception {
        long seed = System.nanoTime();
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch(B, COUNTERS.size(), null))) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                for (int round = 0; round < 50; round++) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> actors = new ArrayList<>();
                    for (int t = 0; t < 6; t++) {
                        Random random = new Random(seed + round * 31L + t);
                        actors.add(pool.submit(() -> {
                            go.await();
                            for (int i = 0; i < 4; i++) {
                                act(backend, random);
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : actors) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                    check(backend, "round " + round + " (seed " + seed + ")");
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(tickets.size() > 50, "enough tickets were issued: " + tickets.size());
            assertTrue(Events.ofType(backend, B, "ticket.called").size() > 20, "enough were called");
        }
    }

    private void act(TestBackend backend, Random random) {
        String c = COUNTERS.get(random.nextInt(COUNTERS.size()));
        String svc = random.nextBoolean() ? "a" : "b";
        Issued some = tickets.isEmpty() ? null : tickets.get(random.nextInt(tickets.size()));
        String base = "/api/v1/branches/" + B;
        Reply r;
        switch (random.nextInt(13)) {
            case 0, 1, 2 -> {
                r = backend.issue(B, svc);
                if (r.status() == 201) {
                    tickets.add(new Issued(r.body().get("id").asText(), r.body().get("token").asText()));
                }
            }
            case 3, 4 -> r = backend.counter(B, c, "call-next");
            case 5 -> r = backend.counter(B, c, random.nextBoolean() ? "complete" : "no-show");
            case 6 -> r = some == null ? null : backend.send("DELETE", base + "/tickets/" + some.id(), null,
                    "X-Ticket-Token", some.token());
            case 7 -> r = some == null ? null : backend.post(base + "/tickets/" + some.id() + "/return", null,
                    "X-Ticket-Token", some.token());
            case 8 -> r = some == null ? null : backend.staffPost(base + "/counters/" + c + "/call/" + some.id(), null);
            case 9 -> r = backend.counter(B, c, random.nextBoolean() ? "reopen" : "recall");
            case 10 -> r = backend.staffPost(base + "/counters/" + c + "/transfer", "{\"service\":\"" + svc + "\"}");
            case 11 -> r = backend.counter(B, c, List.of("open", "open", "pause", "close").get(random.nextInt(4)));
            default -> r = backend.counter(B, c, random.nextBoolean() ? "sign-in" : "sign-out");
        }
        if (r != null && r.status() != 200 && r.status() != 201 && r.status() != 204 && r.status() != 409
                && !(r.status() == 400 && "invalid_request".equals(r.code()))) {
            fail("unexpected answer " + r.status() + " " + r.body());
        }
    }

    /** The model of a ticket or counter built from the stream. */
    private record Place(String status, String service, String counter) {
    }

    private void check(TestBackend backend, String when) {
        Map<String, Place> model = new TreeMap<>();
        Map<String, Double> scores = new HashMap<>();
        Map<String, String> atCounter = new TreeMap<>();
        Map<String, String> counterState = new TreeMap<>();
        long expectedSeq = 1;
        for (JsonNode e : Events.all(backend, B)) {
            assertEquals(expectedSeq++, e.get("seq").asLong(), when + ": seq without gaps");
            JsonNode t = e.get("ticket");
            String id = t == null ? null : t.get("id").asText();
            String c = e.has("counter") ? e.get("counter").get("id").asText() : null;
            switch (e.get("type").asText()) {
                case "ticket.issued" -> {
                    model.put(id, new Place("waiting", t.get("service").asText(), null));
                    scores.put(id, (t.get("priority").asBoolean() ? 0 : 1) * 1e12 + e.get("seq").asLong());
                }
                case "ticket.called", "ticket.reopened" -> {
                    model.put(id, new Place("called", t.get("service").asText(), c));
                    atCounter.put(c, id);
                }
                case "ticket.completed" -> close(model, atCounter, id, "completed", c);
                case "ticket.no_show" -> close(model, atCounter, id, "no_show", c);
                case "ticket.cancelled" -> close(model, atCounter, id, "cancelled", null);
                case "ticket.reset" -> close(model, atCounter, id, "reset", null);
                case "ticket.returned" -> model.put(id, new Place("waiting", t.get("service").asText(), null));
                case "ticket.transferred" -> {
                    model.put(id, new Place("waiting", t.get("service").asText(), null));
                    atCounter.remove(c);
                }
                case "counter.changed" -> counterState.put(c, e.get("counter").get("state").asText());
                default -> { }
            }
        }
        // Redis, ticket by ticket, line by line, counter by counter
        Map<String, List<String>> lines = new TreeMap<>();
        for (String s : List.of("a", "b")) {
            lines.put(s, backend.redis().zrange(backend.keys().line(B, s), 0, -1));
        }
        for (Issued issued : tickets) {
            Map<String, String> h = backend.redis().hgetall(backend.keys().ticket(B, issued.id()));
            Place m = model.get(issued.id());
            String status = h.get("status");
            assertEquals(m.status(), status, when + ": status of " + h.get("number") + " replays");
            assertEquals(m.service(), h.get("service"), when + ": service of " + h.get("number"));
            long inLines = lines.values().stream().filter(l -> l.contains(issued.id())).count();
            long atCounters = COUNTERS.stream().filter(c -> issued.id().equals(
                    backend.redis().hget(backend.keys().counter(B, c), "ticket"))).count();
            switch (status) {
                case "waiting" -> {
                    assertEquals(1, inLines, when + ": a waiting ticket is in one line");
                    assertTrue(lines.get(h.get("service")).contains(issued.id()), when + ": in its own line");
                    assertEquals(0, atCounters, when + ": and at no counter");
                }
                case "called" -> {
                    assertEquals(0, inLines, when + ": a called ticket is in no line");
                    assertEquals(1, atCounters, when + ": and at one counter");
                    assertEquals(m.counter(), h.get("counter"), when + ": the counter replays");
                }
                default -> {
                    assertTrue(CLOSED.contains(status), when + ": unknown status " + status);
                    assertEquals(0, inLines + atCounters, when + ": a closed ticket is nowhere");
                }
            }
        }
        for (String c : COUNTERS) {
            Map<String, String> h = backend.redis().hgetall(backend.keys().counter(B, c));
            String current = h.getOrDefault("ticket", "");
            assertEquals(atCounter.getOrDefault(c, ""), current, when + ": counter " + c + " replays");
            assertEquals(counterState.getOrDefault(c, "closed"), h.get("state"), when + ": state of counter " + c);
        }
        for (Map.Entry<String, List<String>> line : lines.entrySet()) {
            List<String> sorted = new ArrayList<>(line.getValue());
            sorted.sort((x, y) -> Double.compare(scores.get(x), scores.get(y)));
            assertEquals(sorted, line.getValue(), when + ": line " + line.getKey() + " is in replayed order");
        }
    }

    private static void close(Map<String, Place> model, Map<String, String> atCounter, String id, String status,
                              String counter) {
        Place p = model.get(id);
        model.put(id, new Place(status, p.service(), p.counter()));
        if (counter != null) {
            atCounter.remove(counter);
        }
    }
}
