package io.nowserving.backend.line;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Messaging API, through OkHttp: the reply to a webhook event and the push of a notification. OkHttp's own
 * retries are off (a retried push must carry the same {@code X-Line-Retry-Key}, which the caller decides).
 */
public final class LineApi implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** A push's outcome: the HTTP status (0: no answer), and LINE's Retry-After in seconds (-1: none). */
    public record Outcome(int status, long retryAfterSeconds) {
        /** Accepted now, or earlier under the same retry key (409 with the key: LINE delivered it already). */
        public boolean delivered() {
            return status >= 200 && status < 300 || status == 409;
        }

        /** Worth another try: no answer, 429, or a server error. */
        public boolean retriable() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    private final OkHttpClient http;
    private final String base;
    private final String accessToken;
    private final ObjectMapper json;

    public LineApi(String base, String accessToken, ObjectMapper json) {
        this.base = base;
        this.accessToken = accessToken;
        this.json = json;
        this.http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15)).build();
    }

    /** Answers a webhook event with messages; the outcome as for a push. */
    public Outcome reply(String replyToken, ArrayNode messages) {
        ObjectNode body = json.createObjectNode();
        body.put("replyToken", replyToken);
        body.set("messages", messages);
        return post("/v2/bot/message/reply", body, null);
    }

    /** Pushes messages to a LINE user; the same {@code retryKey} (a UUID) on every try of one message. */
    public Outcome push(String to, ArrayNode messages, String retryKey) {
        ObjectNode body = json.createObjectNode();
        body.put("to", to);
        body.set("messages", messages);
        return post("/v2/bot/message/push", body, retryKey);
    }

    private Outcome post(String path, ObjectNode body, String retryKey) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Request.Builder r = new Request.Builder().url(base + path)
                .header("Authorization", "Bearer " + accessToken)
                .post(RequestBody.create(bytes, JSON));
        if (retryKey != null) {
            r.header("X-Line-Retry-Key", retryKey);
        }
        try (Response response = http.newCall(r.build()).execute()) {
            return new Outcome(response.code(), retryAfter(response.header("Retry-After")));
        } catch (IOException e) {
            return new Outcome(0, -1);
        }
    }

    /** Retry-After in seconds (LINE sends seconds; an HTTP date is not expected and counts as none). */
    static long retryAfter(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
