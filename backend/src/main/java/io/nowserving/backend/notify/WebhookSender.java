package io.nowserving.backend.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nowserving.backend.line.LineApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The generic signed webhook (an SMS gateway, say): POSTs {@code {id, branch, ticket, number, kind, language,
 * param, text}} to {@code NOWSERVING_NOTIFY_WEBHOOK_URL} with {@code X-NowServing-Timestamp} (epoch seconds) and
 * {@code X-NowServing-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook secret>}; the
 * {@code id} (also {@code X-NowServing-Delivery}) is the same on every try, so the receiver can drop a repeat. It
 * knows tickets, not people: the receiver keeps its own contact data by ticket.
 */
final class WebhookSender implements Channel, AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final String url;
    private final byte[] secret;
    private final ObjectMapper json;
    private final Clock clock;
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(15)).build();

    WebhookSender(String url, String secret, ObjectMapper json, Clock clock) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<Supplier<LineApi.Outcome>> prepare(Notification n) {
        ObjectNode body = json.createObjectNode().put("id", n.retryKey()).put("branch", n.branch())
                .put("ticket", n.ticketId()).put("number", n.number()).put("kind", n.kind())
                .put("language", n.language()).put("param", n.param()).put("text", LineSender.text(n));
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(() -> post(bytes, n.retryKey()));
    }

    private LineApi.Outcome post(byte[] body, String id) {
        String timestamp = Long.toString(clock.millis() / 1000);
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON))
                .header("X-NowServing-Delivery", id).header("X-NowServing-Timestamp", timestamp)
                .header("X-NowServing-Signature", "sha256=" + sign(timestamp, body)).build();
        try (Response response = http.newCall(request).execute()) {
            String retryAfter = response.header("Retry-After");
            long seconds = -1;
            if (retryAfter != null && retryAfter.trim().matches("\\d{1,6}")) {
                seconds = Long.parseLong(retryAfter.trim());
            }
            return new LineApi.Outcome(response.code(), seconds);
        } catch (IOException e) {
            return new LineApi.Outcome(0, -1);
        }
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"}: what a receiver recomputes (tests too). */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
