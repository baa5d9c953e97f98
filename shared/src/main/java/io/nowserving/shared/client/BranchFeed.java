package io.nowserving.shared.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.events.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * A live subscription to a branch's events ({@code GET /api/v1/branches/{b}/events}). It reconnects by itself
 * with {@code Last-Event-ID} after any failure, with exponential backoff, telling its listener since when it is
 * offline; the server then sends what was missed, or a snapshot. Frames already delivered or out of order are
 * never passed on ({@link FeedCursor}), across epochs too. Close it to stop.
 */
public final class BranchFeed implements AutoCloseable {
    private final EventSource.Factory sources;
    private final String url;
    private final ObjectMapper json;
    private final FeedListener listener;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private final FeedCursor cursor;
    // guarded by lock
    private EventSource current;
    private int generation;
    private Instant offlineSince;
    private long backoffMs;
    private boolean closed;

    BranchFeed(OkHttpClient http, String url, String lastEventId, ObjectMapper json, FeedListener listener,
               ScheduledExecutorService scheduler, Clock clock, Duration minBackoff, Duration maxBackoff) {
        this.sources = EventSources.createFactory(http);
        this.url = url;
        this.json = json;
        this.listener = listener;
        this.scheduler = scheduler;
        this.clock = clock;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.cursor = new FeedCursor(lastEventId);
        this.backoffMs = minBackoff.toMillis();
    }

    void start() {
        connect();
    }

    /** The id of the last snapshot or event delivered, to resume from (e.g. after the app restarts). */
    public Optional<String> lastEventId() {
        synchronized (lock) {
            return cursor.lastEventId();
        }
    }

    /** Since when the feed has been offline, or empty while it is connected. */
    public Optional<Instant> offlineSince() {
        synchronized (lock) {
            return Optional.ofNullable(offlineSince);
        }
    }

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            int gen = ++generation;
            Request.Builder req = new Request.Builder().url(url);
            cursor.lastEventId().ifPresent(id -> req.header("Last-Event-ID", id));
            current = sources.newEventSource(req.build(), new Listener(gen));
        }
    }

    /** After a failure: report offline once, then reconnect after the backoff. Caller holds the lock. */
    private void reconnectLater(long delayMs) {
        if (offlineSince == null) {
            offlineSince = clock.instant();
            listener.onOffline(offlineSince);
        }
        try {
            scheduler.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closed = true; // the client was closed
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (current != null) {
                current.cancel();
            }
        }
    }

    private final class Listener extends EventSourceListener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        private boolean stale() {
            return closed || gen != generation;
        }

        @Override
        public void onOpen(EventSource source, Response response) {
            synchronized (lock) {
                if (stale()) {
                    return;
                }
                backoffMs = minBackoff.toMillis();
                if (offlineSince != null) {
                    offlineSince = null;
                    listener.onOnline();
                }
            }
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            synchronized (lock) {
                if (stale()) {
                    return;
                }
                switch (cursor.accept(type, id)) {
                    case DELIVER -> deliver(type, data);
                    case SKIP -> { }
                    case RESYNC -> {
                        generation++; // whatever this source still sends is ignored
                        source.cancel();
                        reconnectLater(0);
                    }
                }
            }
        }

        private void deliver(String type, String data) {
            try {
                if ("snapshot".equals(type)) {
                    listener.onSnapshot(json.readValue(data, BranchSnapshot.class));
                } else {
                    listener.onEvent(json.readValue(data, Event.class));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the server sent a malformed " + type, e);
            }
        }

        @Override
        public void onClosed(EventSource source) {
            failed(null);
        }

        @Override
        public void onFailure(EventSource source, Throwable t, Response response) {
            failed(response);
        }

        private void failed(Response response) {
            synchronized (lock) {
                if (stale()) {
                    return;
                }
                generation++;
                int status = response == null ? 0 : response.code();
                // 401: the token expired or was revoked; retrying cannot help, and the app must sign in again
                if (status == 400 || status == 401 || status == 403 || status == 404) {
                    closed = true;
                    listener.onFailure(new NowServingException(status == 404 ? ErrorCode.NOT_FOUND
                            : status == 403 ? ErrorCode.FORBIDDEN : status == 401 ? ErrorCode.UNAUTHORIZED
                            : ErrorCode.INVALID_REQUEST, status, null,
                            "the feed " + url + " was refused with " + status, null));
                    return;
                }
                long delay = backoffMs;
                backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
                reconnectLater(delay);
            }
        }
    }
}
