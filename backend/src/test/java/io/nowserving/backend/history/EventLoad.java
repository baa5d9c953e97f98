package io.nowserving.backend.history;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark load: {@code ticket.issued} events shaped as issue_ticket.lua writes them (envelope, private field,
 * id {@code <seq>-0}) appended at a paced rate through one pipelined connection. Appending directly rather than
 * running the queue script keeps Redis' CPU for what is measured: on a 2-core machine the full issue script
 * (~0.4 ms of Redis time each) alone would saturate Redis at 5,000 a second.
 */
final class EventLoad implements AutoCloseable {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final String branch;
    private final Ids ids = new Ids(Clock.systemUTC());
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong sent = new AtomicLong();
    private final Thread thread;

    EventLoad(StatefulRedisConnection<String, String> connection, RedisKeys keys, String branch, int perSecond) {
        this.connection = connection;
        this.keys = keys;
        this.branch = branch;
        thread = new Thread(() -> drive(perSecond), "event-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void drive(int perSecond) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        String epoch = connection.sync().get(keys.epoch(branch));
        long seq = Long.parseLong(connection.sync().get(keys.seq(branch)));
        while (running.get()) {
            LockSupport.parkNanos(next - System.nanoTime());
            long now = System.nanoTime();
            while (next <= now) {
                seq++;
                long at = System.currentTimeMillis();
                String e = "{\"v\":1,\"epoch\":\"" + epoch + "\",\"seq\":" + seq + ",\"type\":\"ticket.issued\","
                        + "\"at\":" + at + ",\"actor\":{\"kind\":\"kiosk\"},\"ticket\":{\"id\":\"" + ids.ulid()
                        + "\",\"number\":\"A" + seq + "\",\"service\":\"a\",\"language\":\"en\",\"channel\":\"kiosk\","
                        + "\"priority\":false,\"queuedAt\":" + at + "},\"estimateShown\":{\"minSeconds\":60,"
                        + "\"maxSeconds\":90,\"ahead\":3}}";
                connection.async().xadd(keys.events(branch), new XAddArgs().id(seq + "-0"), "e", e,
                        "p", "{\"tokenHash\":\"" + Ids.sha256(ids.token()) + "\"}");
                connection.async().set(keys.seq(branch), Long.toString(seq));
                sent.incrementAndGet();
                next += interval;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
