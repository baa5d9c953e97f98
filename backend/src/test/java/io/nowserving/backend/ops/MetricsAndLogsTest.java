package io.nowserving.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** /metrics through Micrometer covers HTTP by route, the queue, SSE, history and notifications; logs carry request ids. */
class MetricsAndLogsTest {

    @Test
    void metricsCoverRoutesQueueFeedsHistoryAndOutbox(@TempDir Path dir) throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("io.nowserving.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                e.prepareForDeferredProcessing(); // takes the MDC now, as a console or file appender would
                super.append(e);
            }
        };
        lines.start();
        access.addAppender(lines);
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_METRICS_PORT", Integer.toString(freePort())),
                TestBranches.branch("mx", 2, null))) {
            assertEquals(201, backend.issue("mx", "a").status());
            assertEquals(201, backend.issue("mx", "a").status());
            assertEquals(200, backend.counter("mx", "1", "open").status());
            assertEquals(200, backend.counter("mx", "1", "call-next").status());
            TestBackend.Reply traced = backend.get("/api/v1/branches/mx", "X-Request-Id", "trace-0123456789");
            assertEquals("trace-0123456789", traced.header("X-Request-Id"));

            int port = backend.app().metricsPort();
            io.nowserving.backend.testing.Await.until(java.time.Duration.ofSeconds(30), "the feed saw the events",
                    () -> feedLagCount(scrapeQuietly(port)) >= 4); // two issued, a counter opened, a call
            String text = scrape(port);
            for (String line : new String[] {"nowserving_http_responses_total{status=\"201\"} ",
                    "nowserving_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/branches/{b}/tickets\","
                            + "status=\"201\"} 2",
                    "nowserving_queue_waiting{branch=\"mx\",service=\"a\"} 1",
                    "nowserving_tickets_issued_total{branch=\"mx\",service=\"a\"} 2.0",
                    "nowserving_tickets_called_total{branch=\"mx\",service=\"a\"} 1.0",
                    "nowserving_sse_clients ", "nowserving_history_lag_events{branch=\"mx\"}",
                    "nowserving_notify_outbox", "jvm_memory_used_bytes"}) {
                assertTrue(text.contains(line), line + " in\n" + text);
            }
        } finally {
            access.detachAppender(lines);
        }
        assertTrue(lines.list.stream().anyMatch(e -> "trace-0123456789".equals(e.getMDCPropertyMap().get("requestId"))
                && e.getFormattedMessage().startsWith("GET /api/v1/branches/{b} 200")), "the access line has the id");
        assertTrue(lines.list.stream().allMatch(e -> e.getMDCPropertyMap().get("requestId") != null),
                "every access line has a request id");
    }

    @Test
    void theFileConfigurationWritesLinesWithTheRequestIdToARotatedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nowserving.log");
        LoggerContext context = new LoggerContext();
        ch.qos.logback.classic.util.LogbackMDCAdapter mdc = new ch.qos.logback.classic.util.LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        context.putProperty("nowserving.log.file", file.toString());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(getClass().getResource("/logback-file.xml"));
        mdc.put("requestId", "rid-in-file-42");
        try {
            context.getLogger("io.nowserving.access").info("GET /healthz 200 1ms");
        } finally {
            context.stop();
        }
        String written = Files.readString(file);
        assertTrue(written.contains("[rid-in-file-42] io.nowserving.access - GET /healthz 200 1ms"), written);
        String config = new String(getClass().getResourceAsStream("/logback-file.xml").readAllBytes());
        assertTrue(config.contains("SizeAndTimeBasedRollingPolicy") && config.contains("<maxHistory>"), config);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static long feedLagCount(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^nowserving_feed_lag_seconds_count (\\d+)")
                .matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String scrapeQuietly(int port) {
        try {
            return scrape(port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }
}
