package io.nowserving.backend.writebehind;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A database (H2, or PostgreSQL when configured), the suite's Redis under a random prefix, one branch "h" saved
 * in SQL, and writers whose clocks the test holds: synthetic events are appended to the stream directly.
 */
final class HistoryFixture implements AutoCloseable {
    static final String BRANCH = "h";
    static final long TTL_MS = 3000;

    final TestDatabase test;
    final Database db;
    final RedisConnection redis;
    final RedisKeys keys = new RedisKeys(TestRedis.randomPrefix());
    final ScriptRunner scripts;
    final HistoryRepository repository;
    final BranchConfig branch = TestBranches.branch(BRANCH, 2, null);
    private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

    HistoryFixture(Path dir) {
        this(dir, TestRedis.url());
    }

    /** With a Redis of the caller's choice (the benchmark avoids the suite's MONITOR recording). */
    HistoryFixture(Path dir, String redisUrl) {
        test = TestDatabases.create(dir);
        db = test.open();
        new ConfigRepository(db.dataSource()).save(branch);
        redis = RedisConnection.connect(redisUrl);
        scripts = new ScriptRunner(redis.sync());
        repository = new HistoryRepository(db.dataSource(), db.isPostgres(), 2 * TTL_MS);
    }

    /** A hand-held clock in nanoseconds. */
    static final class HeldClock {
        final AtomicLong nanos = new AtomicLong(System.nanoTime());

        void advanceMs(long ms) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }

    HistoryWriter writer(String holder, HeldClock clock, WriteBehindStatus status) {
        StatefulRedisConnection<String, String> c = redis.client().connect();
        connections.add(c);
        WriterLease lease = new WriterLease(scripts, keys, holder, TTL_MS, clock.nanos::get);
        return new HistoryWriter(c.sync(), lease, repository, () -> List.of(branch), keys, status,
                Clock.systemUTC(), clock.nanos::get, TTL_MS);
    }

    RedisCommands<String, String> r() {
        return redis.sync();
    }

    /** Appends a ticket.issued event for ticket {@code id} at {@code seq} of {@code epoch}. */
    void issued(String epoch, long seq, String id, String tokenHash) {
        String e = "{\"v\":1,\"epoch\":\"" + epoch + "\",\"seq\":" + seq + ",\"type\":\"ticket.issued\",\"at\":"
                + System.currentTimeMillis() + ",\"actor\":{\"kind\":\"customer\"},\"ticket\":{\"id\":\"" + id
                + "\",\"number\":\"A" + String.format("%03d", seq) + "\",\"service\":\"a\",\"language\":\"en\","
                + "\"channel\":\"web\",\"priority\":false,\"queuedAt\":" + System.currentTimeMillis()
                + "},\"estimateShown\":{\"minSeconds\":0,\"maxSeconds\":0,\"ahead\":0}}";
        r().xadd(keys.events(BRANCH), new io.lettuce.core.XAddArgs().id(seq + "-0"), "e", e,
                "p", "{\"tokenHash\":\"" + tokenHash + "\"}");
        r().set(keys.seq(BRANCH), Long.toString(seq));
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String text(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Deletes every key under the fixture's prefix (a wiped Redis, for this test only). */
    void wipeRedis() {
        List<String> all = new ArrayList<>();
        io.lettuce.core.ScanArgs args = io.lettuce.core.ScanArgs.Builder.matches(keys.prefix() + "*").limit(500);
        io.lettuce.core.KeyScanCursor<String> cursor = r().scan(args);
        all.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = r().scan(cursor, args);
            all.addAll(cursor.getKeys());
        }
        if (!all.isEmpty()) {
            r().del(all.toArray(String[]::new));
        }
    }

    @Override
    public void close() {
        wipeRedis();
        connections.forEach(StatefulRedisConnection::close);
        redis.close();
        test.close();
    }
}
