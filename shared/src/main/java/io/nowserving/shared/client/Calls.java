package io.nowserving.shared.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** How the client sends a call: URLs, bodies, the Idempotency-Key of each POST and DELETE, resends, and refusals. */
final class Calls {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Sends of one call at most: the first and two retries, 200 ms then 400 ms apart. */
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0]);

    private final HttpUrl base;
    private final OkHttpClient http;
    private final ObjectMapper json;

    Calls(HttpUrl base, OkHttpClient http, ObjectMapper json) {
        this.base = base;
        this.http = http;
        this.json = json;
    }

    /** {@code /api/v1/} and then {@code segments}, each one path segment (encoded). */
    HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v1");
        for (String s : segments) {
            url.addPathSegment(s);
        }
        return url;
    }

    /** Adds the query parameters given as name, value pairs; a null value is left out. */
    static HttpUrl.Builder query(HttpUrl.Builder url, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                url.addQueryParameter(pairs[i], pairs[i + 1]);
            }
        }
        return url;
    }

    /** A request; {@code body} (null for none) is sent as JSON, and a POST without one sends an empty body. */
    Request.Builder request(String method, HttpUrl.Builder url, Object body) {
        RequestBody b = body != null ? body(body) : method.equals("POST") ? EMPTY : null;
        return new Request.Builder().url(url.build()).method(method, b);
    }

    /** Sends {@code method} to {@code url} with {@code body} (or none); the answer as {@code type} (null: none). */
    <T> T send(String method, HttpUrl.Builder url, Object body, JavaType type) {
        return send(request(method, url, body).build(), type);
    }

    /**
     * Sends a call; a POST or DELETE carries an Idempotency-Key of its own, so that when the network loses the
     * answer (or the backend answers 503) the call is sent again with the same key and the backend does its work
     * once: a retried call-next never calls two tickets.
     */
    <T> T send(Request request, JavaType type) {
        Request r = request;
        if (!r.method().equals("GET") && r.header(IDEMPOTENCY_KEY) == null) {
            r = r.newBuilder().header(IDEMPOTENCY_KEY, newKey()).build();
        }
        int attempts = sentOnce(r) ? 1 : ATTEMPTS;
        for (int attempt = 1; ; attempt++) {
            try (Response response = http.newCall(r).execute()) {
                ResponseBody body = response.body();
                byte[] bytes = body == null ? new byte[0] : body.bytes();
                if (response.code() == 503 && attempt < attempts) {
                    pause(attempt, r);
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw refusal(r, response.code(), bytes);
                }
                return type == null || bytes.length == 0 ? null : json.readValue(bytes, type);
            } catch (IOException e) {
                if (attempt < attempts) {
                    pause(attempt, r);
                    continue;
                }
                throw new NowServingException(ErrorCode.UNAVAILABLE, 0, null,
                        r.method() + " " + r.url().encodedPath() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** {@code value} as a JSON request body. */
    RequestBody body(Object value) {
        try {
            return RequestBody.create(json.writeValueAsBytes(value), JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    JavaType type(Class<?> c) {
        return json.getTypeFactory().constructType(c);
    }

    JavaType listOf(Class<?> c) {
        return json.getTypeFactory().constructCollectionType(List.class, c);
    }

    /** Sends a GET once and copies its body to {@code out} as it arrives (a CSV export: never all in memory). */
    void download(HttpUrl.Builder url, OutputStream out) {
        Request r = request("GET", url, null).build();
        try (Response response = http.newCall(r).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                throw refusal(r, response.code(), body == null ? new byte[0] : body.bytes());
            }
            if (body != null) {
                try (InputStream in = body.byteStream()) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new NowServingException(ErrorCode.UNAVAILABLE, 0, null,
                    r.method() + " " + r.url().encodedPath() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Logout and the password change end the credential an Idempotency-Key is scoped to, so the backend cannot
     * replay them: a resend would be refused (401) even though the first one worked. They are sent once.
     */
    private static boolean sentOnce(Request r) {
        String path = r.url().encodedPath();
        return path.endsWith("/auth/logout") || path.endsWith("/auth/password");
    }

    private static void pause(int attempt, Request r) {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NowServingException(ErrorCode.UNAVAILABLE, 0, null,
                    r.method() + " " + r.url().encodedPath() + " interrupted", e);
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private NowServingException refusal(Request r, int status, byte[] bytes) {
        Problem problem = null;
        ErrorCode code = status >= 500 ? ErrorCode.UNAVAILABLE : status == 404 ? ErrorCode.NOT_FOUND
                : ErrorCode.INVALID_REQUEST;
        try {
            problem = json.readValue(bytes, Problem.class);
            code = ErrorCode.fromCode(problem.code());
        } catch (IOException | RuntimeException e) {
            // not problem+json (a proxy's page): the status decides
        }
        String detail = problem != null && problem.detail() != null ? problem.detail() : "HTTP " + status;
        return new NowServingException(code, status, problem, r.method() + " " + r.url().encodedPath() + ": " + detail,
                null);
    }
}
