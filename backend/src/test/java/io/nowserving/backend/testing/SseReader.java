package io.nowserving.backend.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test client of an SSE endpoint: every frame it receives, parsed, in order, read on a daemon thread. */
public final class SseReader implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One frame: its fields (null when absent) and its comment lines. */
    public record Frame(String id, String event, String data, Long retry, List<String> comments) {
        public boolean isEvent() {
            return data != null;
        }

        /** The seq of an id {@code <epoch>.<seq>}. */
        public long seq() {
            return Long.parseLong(id.substring(id.indexOf('.') + 1));
        }

        public String epoch() {
            return id.substring(0, id.indexOf('.'));
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final List<Frame> all = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseReader(HttpResponse<InputStream> response) {
        this.response = response;
        Thread t = new Thread(this::read, "test-sse-reader");
        t.setDaemon(true);
        t.start();
    }

    /** Opens {@code uri} with these header name/value pairs; returns once the response headers arrived. */
    public static SseReader open(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseReader(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next frame, or null after {@code timeout}. */
    public Frame next(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame carrying data (comments and bare retry hints skipped); fails after {@code timeout}. */
    public Frame nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f != null && f.isEvent()) {
                return f;
            }
        }
        throw new AssertionError("no event within " + timeout + "; received " + all);
    }

    /** Waits until a received frame matches; fails after {@code timeout}. */
    public Frame await(Predicate<Frame> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Frame f : all) {
                if (p.test(f)) {
                    return f;
                }
            }
            if (ended) {
                break;
            }
            Thread.sleep(10);
        }
        for (Frame f : all) {
            if (p.test(f)) {
                return f;
            }
        }
        throw new AssertionError("no matching frame within " + timeout + " (ended: " + ended + "); received " + all);
    }

    /** Every frame so far. */
    public List<Frame> frames() {
        return List.copyOf(all);
    }

    /** Every frame carrying data so far. */
    public List<Frame> events() {
        return all.stream().filter(Frame::isEvent).toList();
    }

    public boolean ended() {
        return ended;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            Long retry = null;
            List<String> comments = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    Frame f = new Frame(id, event, data == null ? null : data.toString(), retry, List.copyOf(comments));
                    all.add(f);
                    queue.add(f);
                    id = null;
                    event = null;
                    data = null;
                    retry = null;
                    comments.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> retry = Long.parseLong(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // gone
        }
    }
}
