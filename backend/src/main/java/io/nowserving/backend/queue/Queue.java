package io.nowserving.backend.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.auth.Presence;
import io.nowserving.backend.auth.RateLimits;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.web.AccessCheck;
import io.nowserving.backend.web.JsonBodies;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The queue engine, wired: tickets and counters as Redis scripts ({@link QueueService}), the business-day roll
 * of every branch ({@link DayRoller}, on its timer until closed), and the queue's routes.
 */
public final class Queue implements AutoCloseable {
    private final QueueService service;
    private final DayRoller roller;
    private final QueueRoutes routes;
    private final TestClock testClock;

    private Queue(QueueService service, DayRoller roller, QueueRoutes routes, TestClock testClock) {
        this.service = service;
        this.roller = roller;
        this.routes = routes;
        this.testClock = testClock;
    }

    /** What the queue routes need of the backend's settings and of auth. */
    public record Options(String defaultLanguage, Optional<String> publicUrl, RateLimits rateLimits,
                          Presence presence) {
    }

    /**
     * @param scripts  the state-changing scripts' runner (behind the epoch gate)
     * @param mirror   the configuration as the scripts see it in Redis
     * @param branches every configured branch, for the day roll
     */
    public static Queue start(Options options, ScriptRunner scripts, RedisCommands<String, String> redis,
                              RedisKeys keys, BranchMirror mirror, Ids ids, ObjectMapper json, AccessCheck access,
                              JsonBodies bodies, Supplier<List<String>> branches) {
        QueueService service = new QueueService(new QueueStore(scripts, keys, mirror, json), ids, json,
                options.defaultLanguage());
        DayRoller roller = new DayRoller(service, branches);
        roller.start();
        return new Queue(service, roller,
                new QueueRoutes(service, access, bodies, options.publicUrl(), options.rateLimits(),
                        options.presence()),
                new TestClock(redis, keys, bodies));
    }

    public QueueService service() {
        return service;
    }

    public QueueRoutes routes() {
        return routes;
    }

    /** The test clock's route (answers only when the setting allows it). */
    public TestClock testClock() {
        return testClock;
    }

    @Override
    public void close() {
        roller.close();
    }
}
