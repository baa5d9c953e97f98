package io.nowserving.backend.writebehind;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.testing.BulkEvents;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * History load: {@code ticket.issued} events ({@link BulkEvents#ISSUED}: real envelopes with a private token
 * hash, appended with INCR seq like every queue script, so they interleave gaplessly with the backends' own events)
 * at a paced rate, every millisecond or two the events due so far in one EVALSHA, pipelined on one connection.
 * Appending directly rather than issuing over HTTP or running the full issue script keeps the CPU of a 2-core
 * machine for what is measured: the full script (~0.4 ms of Redis time each) alone saturates Redis near 5,000 a
 * second there, and HTTP issuing reaches a few hundred a second.
 */
final class EventLoad implements AutoCloseable {
    private static final int MAX_PER_CALL = 200;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final String[] keys;
    private final String sha;
    private final Ids ids = new Ids(Clock.systemUTC());
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Events Redis has appended (replies received). */
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;

    EventLoad(StatefulRedisConnection<String, String> connection, RedisKeys keys, String branch, int perSecond) {
        this.connection = connection;
        this.redis = connection.async();
        this.keys = BulkEvents.issuedKeys(keys, branch);
        this.sha = connection.sync().scriptLoad(BulkEvents.ISSUED);
        thread = new Thread(() -> drive(perSecond), "event-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void drive(int perSecond) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        while (running.get()) {
            LockSupport.parkNanos(next - System.nanoTime());
            long now = System.nanoTime();
            int due = 0;
            while (next <= now && due < MAX_PER_CALL) {
                due++;
                next += interval;
            }
            if (due > 0) {
                send(due);
            }
        }
    }

    private void send(int count) {
        redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, arguments(ids, count)).whenComplete((seq, error) -> {
            if (error == null) {
                appended.addAndGet(count);
            } else {
                failed.addAndGet(count);
            }
        });
    }

    /** Appends {@code count} events at once (a backlog), waiting for Redis; returns the last seq. */
    static long backlog(StatefulRedisConnection<String, String> connection, RedisKeys keys, String branch, int count) {
        String sha = connection.sync().scriptLoad(BulkEvents.ISSUED);
        Ids ids = new Ids(Clock.systemUTC());
        long seq = 0;
        for (int done = 0; done < count; done += MAX_PER_CALL) {
            seq = connection.sync().evalsha(sha, ScriptOutputType.INTEGER, BulkEvents.issuedKeys(keys, branch),
                    arguments(ids, Math.min(MAX_PER_CALL, count - done)));
        }
        return seq;
    }

    /** ARGV of {@link BulkEvents#ISSUED}: service {@code a}, then a new ticket id and token hash per event. */
    private static String[] arguments(Ids ids, int count) {
        String[] argv = new String[1 + 2 * count];
        argv[0] = "a";
        for (int i = 0; i < count; i++) {
            argv[1 + 2 * i] = ids.ulid();
            argv[2 + 2 * i] = Ids.sha256(ids.token());
        }
        return argv;
    }

    /** Events appended so far. */
    long appended() {
        return appended.get();
    }

    /** Events whose append failed (Redis refused or was gone). */
    long failed() {
        return failed.get();
    }

    /** Stops the load; returns once every append sent has been answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        connection.sync().ping(); // answered after every append pipelined before it
    }
}
