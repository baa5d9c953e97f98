package io.nowserving.backend.events;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's one Pub/Sub subscription (a pattern on every branch's live channel, on its own connection) and
 * the dispatcher thread that fans events out to the branch hubs. Callbacks only hand work to the dispatcher.
 * When a Redis connection drops, scripts are held ({@link EpochGate}); once Redis answers again the epoch rule
 * runs, then every hub fills its gap from the stream (or starts over from a snapshot), then held work resumes.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final long RETRY_MS = 500;

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final EventStream stream;
    private final EpochGuard guard;
    private final EpochGate gate;
    private final byte[] retryFrame;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(named("ns-feed-dispatch"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("ns-feed-resync"));
    private final Map<String, BranchHub> hubs = new HashMap<>(); // dispatcher thread only
    private final List<Runnable> held = new ArrayList<>(); // dispatcher thread only
    private final AtomicBoolean resyncQueued = new AtomicBoolean();
    private final Listener listener = new Listener();
    private volatile boolean closed;
    private volatile java.util.function.LongConsumer lagMs = ms -> { };
    private boolean failing; // dispatcher thread only
    private StatefulRedisPubSubConnection<String, String> pubsub;

    public LiveFeed(RedisConnection redis, RedisKeys keys, EventStream stream, EpochGuard guard, EpochGate gate,
                    FeedOptions options) {
        this.redis = redis;
        this.keys = keys;
        this.stream = stream;
        this.guard = guard;
        this.gate = gate;
        this.retryFrame = SseFrames.retry(options.retryHint().toMillis(), "feed interrupted: reconnect");
    }

    /** Subscribes (returns once Redis confirmed the subscription). */
    public void start() {
        redis.client().addListener(listener);
        pubsub = redis.client().connectPubSub();
        pubsub.addListener((io.lettuce.core.pubsub.RedisPubSubListener<String, String>) listener);
        pubsub.sync().psubscribe(keys.livePattern());
    }

    /** A new branch-feed client; its first frames are its catch-up (replay or snapshot), then live events. */
    void join(String branch, BranchClient client, CatchUp up) {
        client.connection().onEnd(() -> execute(() -> leave(branch, client)));
        execute(() -> whenOpen(() -> {
            if (client.gone()) {
                return;
            }
            BranchHub hub = hubs.computeIfAbsent(branch, b -> new BranchHub(b, stream));
            try {
                hub.join(client, up);
            } catch (RuntimeException e) {
                log.warn("a client of branch {} could not be caught up: {}", branch, e.toString());
                hub.remove(client);
                hub.markStale();
                client.connection().finish(retryFrame);
            }
        }));
    }

    /** Adds a sink that needs live events only (the ticket feeds of a branch). */
    public void addSink(String branch, FeedSink sink) {
        execute(() -> whenOpen(() -> {
            BranchHub hub = hubs.computeIfAbsent(branch, b -> new BranchHub(b, stream));
            safely(branch, () -> hub.add(sink));
        }));
    }

    public void removeSink(String branch, FeedSink sink) {
        execute(() -> leave(branch, sink));
    }

    private void leave(String branch, FeedSink sink) {
        BranchHub hub = hubs.get(branch);
        if (hub != null) {
            hub.remove(sink);
            if (hub.isEmpty()) {
                hubs.remove(branch);
            }
        }
    }

    /** Told, for every event received, how long after its time ({@code at}, Redis' clock) it reached this instance. */
    public void measureLag(java.util.function.LongConsumer lagMs) {
        this.lagMs = lagMs;
    }

    private void onMessage(String branch, String message) {
        FeedEvent e;
        try {
            e = stream.parse(message);
        } catch (IllegalArgumentException ex) {
            log.warn("ignored a malformed message on the live channel of branch {}: {}", branch, ex.getMessage());
            return;
        }
        guard.record(branch, e.seq());
        long at = e.envelope().path("at").asLong(0);
        if (at > 0) {
            lagMs.accept(Math.max(0, System.currentTimeMillis() - at));
        }
        whenOpen(() -> {
            BranchHub hub = hubs.get(branch);
            if (hub != null) {
                safely(branch, () -> hub.offer(e));
            }
        });
    }

    private void resync() {
        resyncQueued.set(false);
        if (closed) {
            return;
        }
        try {
            guard.check(guard.branches());
            gate.open();
            for (BranchHub hub : hubs.values()) {
                hub.sync();
            }
            if (failing) {
                log.info("event feed in step with Redis again");
                failing = false;
            }
            List<Runnable> later = List.copyOf(held);
            held.clear();
            later.forEach(Runnable::run);
        } catch (RuntimeException e) {
            hubs.values().forEach(BranchHub::markStale);
            if (!failing) {
                log.warn("event feed cannot check Redis yet, retrying every {} ms: {}", RETRY_MS, e.toString());
                failing = true;
            }
            retryLater();
        }
    }

    private void requestResync() {
        if (resyncQueued.compareAndSet(false, true)) {
            execute(this::resync);
        }
    }

    private void retryLater() {
        try {
            timer.schedule(this::requestResync, RETRY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void whenOpen(Runnable task) {
        if (gate.isOpen()) {
            task.run();
        } else {
            held.add(task);
        }
    }

    private void safely(String branch, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            BranchHub hub = hubs.get(branch);
            if (hub != null) {
                hub.markStale();
            }
            log.warn("feed of branch {} lost step with Redis, will resync: {}", branch, e.toString());
            retryLater();
        }
    }

    private void execute(Runnable task) {
        try {
            dispatcher.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        redis.client().removeListener(listener);
        if (pubsub != null) {
            pubsub.close();
        }
        timer.shutdownNow();
        dispatcher.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Lettuce callbacks: they only hand work to the dispatcher or flip the gate; nothing blocks here. */
    private final class Listener extends RedisPubSubAdapter<String, String> implements RedisConnectionStateListener {
        @Override
        public void message(String pattern, String channel, String message) {
            String branch = keys.branchOfLive(channel);
            if (branch != null && Ids.isConfigId(branch)) {
                execute(() -> onMessage(branch, message));
            }
        }

        @Override
        public void psubscribed(String pattern, long count) {
            requestResync();
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closed) {
                gate.close();
                retryLater();
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            requestResync();
        }
    }
}
