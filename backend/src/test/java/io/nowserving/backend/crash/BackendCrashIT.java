package io.nowserving.backend.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.testing.BackendProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing acknowledged is lost": the backend JVM killed with -9 in the middle of traffic, on its embedded
 * defaults (its redis-server is orphaned), then started again on the same data directory.
 */
class BackendCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "crash-test-owner-password";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Issued(String id, String number, String token) {
    }

    @Test
    void everyTicketAnswered201SurvivesAKill9AndTheOrphanRedisIsHandled(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("NOWSERVING_DATA_DIR", data.toString(),
                "NOWSERVING_ADMIN_PASSWORD", ADMIN_PASSWORD, "NOWSERVING_PASSWORD_COST", "1",
                "NOWSERVING_RATE_LIMIT_PER_MINUTE", "1000000");
        ConcurrentLinkedQueue<Issued> acknowledged = new ConcurrentLinkedQueue<>();
        long orphanPid;
        try (BackendProcess first = BackendProcess.start(env)) {
            String staff = login(first);
            post(first, "/api/v1/branches/main/counters/1/open", staff);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(9);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String service = i % 2 == 0 ? "a" : "b";
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = send(first, "POST", "/api/v1/branches/main/tickets",
                                    "{\"service\":\"" + service + "\"}");
                            if (r.statusCode() == 201) {
                                JsonNode t = JSON.readTree(r.body());
                                acknowledged.add(new Issued(t.get("id").asText(), t.get("number").asText(),
                                        t.get("token").asText()));
                            }
                        } catch (IOException e) {
                            return null; // the backend is gone
                        }
                    }
                    return null;
                }));
            }
            load.add(pool.submit(() -> {
                while (running.get()) {
                    try {
                        post(first, "/api/v1/branches/main/counters/1/call-next", staff);
                    } catch (IOException e) {
                        return null;
                    }
                }
                return null;
            }));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until || acknowledged.size() < 200) {
                Thread.sleep(20);
            }
            first.kill();
            running.set(false);
            for (Future<?> f : load) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            orphanPid = redisPid(data);
            assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false),
                    "kill -9 of the JVM leaves its redis-server running");
        }

        try (BackendProcess second = BackendProcess.start(env)) {
            long newPid = redisPid(data);
            boolean orphanGone = ProcessHandle.of(orphanPid).map(h -> !h.isAlive()).orElse(true);
            assertTrue(orphanGone || newPid == orphanPid, "the orphan was stopped or taken over");
            assertTrue(acknowledged.size() >= 200, "enough traffic before the kill: " + acknowledged.size());
            for (Issued t : acknowledged) {
                HttpResponse<String> r = send(second, "GET", "/api/v1/branches/main/tickets/" + t.id(), null,
                        "X-Ticket-Token", t.token());
                assertEquals(200, r.statusCode(), () -> "ticket " + t.number() + " lost: " + r.body());
                assertEquals(t.number(), JSON.readTree(r.body()).get("number").asText());
            }
            // numbering continues after the highest number handed out
            HttpResponse<String> next = send(second, "POST", "/api/v1/branches/main/tickets", "{\"service\":\"a\"}");
            assertEquals(201, next.statusCode());
            String number = JSON.readTree(next.body()).get("number").asText();
            assertFalse(acknowledged.stream().anyMatch(t -> t.number().equals(number)), "no number handed out twice");

            int exit = second.stop();
            assertTrue(exit == 143 || exit == 0, "SIGTERM ends the backend, exit " + exit);
            assertTrue(second.output().stream().noneMatch(l -> l.contains(t0(acknowledged))), "no token in the log");
            assertTrue(second.output().stream().noneMatch(l -> l.contains(ADMIN_PASSWORD)), "no password in the log");
            assertTrue(waitUntilDead(newPid), "a graceful stop also stops the embedded redis-server");
        }
    }

    private static String t0(ConcurrentLinkedQueue<Issued> tickets) {
        return tickets.peek().token();
    }

    private static boolean waitUntilDead(long pid) throws InterruptedException {
        return io.nowserving.backend.testing.Await.within(Duration.ofSeconds(20),
                () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    private static long redisPid(Path data) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("redis").resolve("server.properties"))) {
            p.load(in);
        }
        return Long.parseLong(p.getProperty("pid"));
    }

    private void post(BackendProcess b, String path, String token) throws IOException, InterruptedException {
        send(b, "POST", path, null, "Authorization", "Bearer " + token);
    }

    /** Signs in as the first owner, whose password the test gave the backend. */
    private String login(BackendProcess b) throws IOException, InterruptedException {
        HttpResponse<String> r = send(b, "POST", "/api/v1/auth/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body()).get("token").asText();
    }

    private HttpResponse<String> send(BackendProcess b, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(b.base().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
