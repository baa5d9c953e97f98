package io.nowserving.backend.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Call-to-event latency across instances at idle load: a branch-feed client on instance B; call-next on instance
 * A; the time from sending the call until the {@code ticket.called} event of that ticket arrives on B's feed.
 */
final class FeedLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();

    /** Call-to-event latencies, and call-to-answer latencies of the same calls for comparison. */
    record Result(Latencies event, Latencies answer) {
    }

    /** Measures {@code samples} calls of counter 1 at {@code caller}, heard at {@code listener}'s feed. */
    Result run(URI caller, URI listener, String branch, int samples) throws Exception {
        HttpResponse<InputStream> feed = http.send(HttpRequest.newBuilder(listener.resolve("/api/v1/branches/"
                + branch + "/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> read(feed.body()), "bench-feed-reader");
        reader.setDaemon(true);
        reader.start();
        Latencies out = new Latencies();
        Latencies answers = new Latencies();
        URI call = caller.resolve("/api/v1/branches/" + branch + "/counters/1/call-next");
        for (int i = 0; i < samples; i++) {
            Thread.sleep(10); // idle: one call at a time, spaced out
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpLoad.post(call, null), HttpResponse.BodyHandlers.ofString());
            answers.add(System.nanoTime() - t0);
            JsonNode ticket = JSON.readTree(r.body()).path("ticket");
            if (!ticket.has("id")) {
                throw new IllegalStateException("nobody waiting to be called: issue tickets first");
            }
            String id = ticket.get("id").asText();
            long arrived;
            try {
                arrived = arrival(id).get(10, TimeUnit.SECONDS); // blocking, not spinning: the cores are few
            } catch (TimeoutException e) {
                throw new IllegalStateException("the call of " + id + " never reached the other instance's feed");
            }
            arrivals.remove(id);
            out.add(arrived - t0);
        }
        feed.body().close();
        return new Result(out, answers);
    }

    private CompletableFuture<Long> arrival(String ticketId) {
        return arrivals.computeIfAbsent(ticketId, k -> new CompletableFuture<>());
    }

    private void read(InputStream body) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "ticket.called".equals(event)) {
                    long now = System.nanoTime();
                    String id = JSON.readTree(line.substring(6)).path("ticket").path("id").asText();
                    arrival(id).complete(now);
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (Exception e) {
            // closed
        }
    }

}
