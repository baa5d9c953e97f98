package io.nowserving.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.line.LineSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The LINE Messaging API as MockWebServer plays it: records every reply and push (path, headers, JSON body, arrival
 * time) and answers 200, or the responses queued for pushes ({@link #failPushes}). Also signs webhook bodies.
 */
public final class FakeLine implements AutoCloseable {
    public static final String SECRET = "line-channel-secret-for-tests";
    public static final String TOKEN = "line-access-token-for-tests";

    /** One request LINE received. */
    public record Call(String path, Map<String, String> headers, JsonNode body, long atNanos, String raw) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** Every message text of the call, joined by newlines. */
        public String text() {
            List<String> out = new ArrayList<>();
            body.path("messages").forEach(m -> out.add(m.path("text").asText()));
            return String.join("\n", out);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> pushAnswers = new ConcurrentLinkedDeque<>();

    public FakeLine() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                long at = System.nanoTime();
                Map<String, String> headers = new java.util.HashMap<>();
                r.getHeaders().forEach(p -> headers.put(p.getFirst().toLowerCase(java.util.Locale.ROOT), p.getSecond()));
                JsonNode body;
                String raw = r.getBody().readUtf8();
                try {
                    body = TestBackend.JSON.readTree(raw);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                calls.add(new Call(r.getPath(), headers, body, at, raw));
                if (r.getPath().endsWith("/push")) {
                    MockResponse queued = pushAnswers.poll();
                    if (queued != null) {
                        return queued;
                    }
                }
                return new MockResponse().setResponseCode(200).setBody("{}");
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that point a backend at this fake, for LINE branch {@code branch}. */
    public Map<String, String> settings(String branch) {
        return Map.of("NOWSERVING_LINE_CHANNEL_SECRET", SECRET, "NOWSERVING_LINE_CHANNEL_ACCESS_TOKEN", TOKEN,
                "NOWSERVING_LINE_API_URL", url(), "NOWSERVING_LINE_BRANCH", branch,
                "NOWSERVING_PUBLIC_URL", "https://queue.example");
    }

    public String url() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    /** The next pushes get these answers, in order (then 200 again). */
    public void failPushes(MockResponse... answers) {
        pushAnswers.addAll(List.of(answers));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> replies() {
        return calls.stream().filter(c -> c.path().endsWith("/reply")).toList();
    }

    /** Calls of the generic webhook, posted to {@code <url>/hook}. */
    public List<Call> hooks() {
        return calls.stream().filter(c -> c.path().equals("/hook")).toList();
    }

    public List<Call> pushes() {
        return calls.stream().filter(c -> c.path().endsWith("/push")).toList();
    }

    /** A webhook body of one text message from {@code user}, with its event id. */
    public static String textEvent(String eventId, String user, String text) {
        return "{\"destination\":\"Ubot\",\"events\":[{\"type\":\"message\",\"mode\":\"active\",\"timestamp\":1,"
                + "\"webhookEventId\":\"" + eventId + "\",\"deliveryContext\":{\"isRedelivery\":false},"
                + "\"source\":{\"type\":\"user\",\"userId\":\"" + user + "\"},\"replyToken\":\"rt-" + eventId + "\","
                + "\"message\":{\"type\":\"text\",\"id\":\"m-" + eventId + "\",\"text\":" + quote(text) + "}}]}";
    }

    public static String sign(String body) {
        return LineSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts a correctly signed webhook body. */
    public static TestBackend.Reply deliver(TestBackend backend, String body) {
        return backend.post("/line/webhook", body, "X-Line-Signature", sign(body));
    }

    private static String quote(String s) {
        try {
            return TestBackend.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
