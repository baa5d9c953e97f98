package io.nowserving.backend.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.Events;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Answers that must say what really happened: a defect is 500 with a reference the log names too, not a 503. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorAnswersTest {
    private TestBackend backend;

    @BeforeAll
    void start(@TempDir Path dir) {
        backend = TestBackend.start(dir, TestBranches.branch("e1", 2, null));
    }

    @AfterAll
    void stop() {
        backend.close();
    }

    @Test
    void aLuaErrorIsAnInternalErrorWithAReferenceInTheLogNotUnavailable() {
        Logger problems = (Logger) LoggerFactory.getLogger(Problems.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        problems.addAppender(log);
        try {
            // a counter's state hash holding a string: the script fails inside Redis, which is reachable
            backend.redis().set(backend.keys().counter("e1", "2"), "not a hash");
            Reply r = backend.counter("e1", "2", "call-next");
            assertEquals(500, r.status(), () -> r.raw().body());
            assertEquals("internal", r.code());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
            assertNull(r.header("Retry-After"), "nothing says retrying helps");
            Matcher m = Pattern.compile("reference ([0-9a-f-]{36})").matcher(r.body().get("detail").asText());
            assertTrue(m.find(), () -> r.body().toString());
            String reference = m.group(1);
            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(reference)),
                    "the log names the same reference");
        } finally {
            problems.detachAppender(log);
            backend.redis().del(backend.keys().counter("e1", "2"));
        }
        assertEquals(200, backend.counter("e1", "2", "open").status());
    }

    @Test
    void aJsonBodyMustBeDeclaredAsJsonSoACrossSiteFormCannotTakeATicket() throws Exception {
        String ticket = "{\"service\":\"a\"}";
        int issued = Events.ofType(backend, "e1", "ticket.issued").size();
        for (String type : new String[] {"text/plain", "text/plain; charset=utf-8",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", ""}) {
            HttpResponse<String> r = raw("/api/v1/branches/e1/tickets", type, ticket);
            assertEquals(415, r.statusCode(), () -> type + ": " + r.body());
            assertTrue(r.body().contains("\"code\":\"unsupported_media_type\""), r.body());
        }
        assertEquals(415, raw("/api/v1/auth/login", "text/plain",
                "{\"username\":\"admin\",\"password\":\"x\"}").statusCode(), "every route reading a JSON body");
        assertEquals(issued, Events.ofType(backend, "e1", "ticket.issued").size(), "nothing was issued");
        for (String type : new String[] {"application/json", "application/json; charset=utf-8",
                "Application/JSON;charset=UTF-8"}) {
            HttpResponse<String> r = raw("/api/v1/branches/e1/tickets", type, ticket);
            assertEquals(201, r.statusCode(), () -> type + ": " + r.body());
        }
        assertEquals(200, backend.counter("e1", "1", "open").status(), "a POST without a body needs no type");
    }

    private HttpResponse<String> raw(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(backend.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
