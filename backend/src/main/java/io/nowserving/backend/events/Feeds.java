package io.nowserving.backend.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.events.sse.SseWriters;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The branch feeds, wired: the event stream in Redis, the live fan-out to SSE clients ({@link LiveFeed} and its
 * writers), the stream's trimming ({@link StreamRetention}) and the feed routes. Runs until closed;
 * {@link #endStreams} ends every open stream first (a stopping instance).
 */
public final class Feeds implements AutoCloseable {
    private final FeedOptions options;
    private final EventStream stream;
    private final SseWriters writers;
    private final LiveFeed live;
    private final StreamRetention retention;
    private final FeedConnections connections;
    private final FeedRoutes routes;

    private Feeds(FeedOptions options, EventStream stream, SseWriters writers, LiveFeed live,
                  StreamRetention retention, FeedConnections connections) {
        this.options = options;
        this.stream = stream;
        this.writers = writers;
        this.live = live;
        this.retention = retention;
        this.connections = connections;
        this.routes = new FeedRoutes(live, writers, stream, connections, options);
    }

    /**
     * @param feedScripts the feed's own script runner (not behind the epoch gate: the feed opens the gate)
     * @param branches    every configured branch, for trimming
     * @param committed   SQL's committed seqs: trimming never passes them
     */
    public static Feeds start(FeedOptions options, int connectionsPerAddress, RedisConnection redis,
                              ScriptRunner feedScripts, RedisKeys keys, QueueService queue, ObjectMapper json,
                              EpochGuard guard, EpochGate gate, CommittedSeqs committed,
                              Supplier<Collection<String>> branches) {
        EventStream stream = new EventStream(feedScripts, redis.sync(), keys, queue, json, guard);
        SseWriters writers = new SseWriters(options);
        LiveFeed live = new LiveFeed(redis, keys, stream, guard, gate, options);
        StreamRetention retention = new StreamRetention(feedScripts, keys, json, branches, committed, options);
        Feeds feeds = new Feeds(options, stream, writers, live, retention, new FeedConnections(connectionsPerAddress));
        try {
            live.start();
            retention.start();
            return feeds;
        } catch (RuntimeException e) {
            feeds.close();
            throw e;
        }
    }

    /**
     * Tells every SSE client to reconnect (elsewhere: this instance is stopping), waits up to {@code grace} for
     * the hint to be written, and ends every stream (stragglers are cut off).
     */
    public void endStreams(Duration grace) {
        writers.shutdown(grace);
    }

    public FeedRoutes routes() {
        return routes;
    }

    public FeedOptions options() {
        return options;
    }

    public EventStream stream() {
        return stream;
    }

    public SseWriters writers() {
        return writers;
    }

    public LiveFeed live() {
        return live;
    }

    public FeedConnections connections() {
        return connections;
    }

    /** The stream trimming of this instance (tests run it at once instead of waiting for its timer). */
    public StreamRetention retention() {
        return retention;
    }

    @Override
    public void close() {
        retention.close();
        live.close();
        writers.close();
    }
}
