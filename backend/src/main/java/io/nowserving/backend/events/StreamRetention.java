package io.nowserving.backend.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream retention (DESIGN.md "Events"): every minute, for each branch, trim_stream.lua keeps at least the
 * newest {@code keepEvents} events and the last {@code keepTime} of them, whichever is more, and never anything
 * SQL has not committed ({@link CommittedSeqs}: until the durable-history issue nothing, so nothing is trimmed).
 * A stream past {@code alarmEntries} turns readiness degraded.
 */
public final class StreamRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamRetention.class);
    static final LuaScript TRIM = LuaScript.load(StreamRetention.class, "trim_stream.lua");
    static final int BATCH = 10_000;

    /** One run on one branch: entries left and entries removed. */
    public record Result(long length, long trimmed) {
    }

    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final Supplier<Collection<String>> branches;
    private final CommittedSeqs committed;
    private final FeedOptions options;
    private final Map<String, Long> lengths = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ns-stream-retention");
        t.setDaemon(true);
        return t;
    });

    public StreamRetention(ScriptRunner scripts, RedisKeys keys, ObjectMapper json,
                           Supplier<Collection<String>> branches, CommittedSeqs committed, FeedOptions options) {
        this.scripts = scripts;
        this.keys = keys;
        this.json = json;
        this.branches = branches;
        this.committed = committed;
        this.options = options;
    }

    public void start() {
        long every = options.retentionEvery().toMillis();
        timer.scheduleWithFixedDelay(this::runAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Trims one branch's stream as far as the bounds allow. */
    public Result trim(String branch) {
        String answer = scripts.run(TRIM, keys.cfg(branch), Integer.toString(options.keepEvents()),
                Long.toString(options.keepTime().toMillis()), Long.toString(committed.committed(branch)),
                Integer.toString(BATCH));
        try {
            JsonNode r = json.readTree(answer);
            Result result = new Result(r.path("length").asLong(), r.path("trimmed").asLong());
            lengths.put(branch, result.length());
            return result;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trim_stream.lua answered malformed JSON", e);
        }
    }

    /** Runs every branch once (the timer's job). */
    public void runAll() {
        try {
            for (String b : branches.get()) {
                Result r = trim(b);
                if (r.trimmed() > 0) {
                    log.debug("trimmed {} events from the stream of branch {}, {} left", r.trimmed(), b, r.length());
                }
            }
        } catch (RuntimeException e) {
            log.warn("stream retention skipped a run: {}", e.toString());
        }
    }

    /** Null when every stream is within bounds, else which are not (readiness). */
    public String problem() {
        StringBuilder b = new StringBuilder();
        lengths.forEach((branch, length) -> {
            if (length > options.alarmEntries()) {
                b.append(b.length() == 0 ? "" : ", ").append(branch).append(": ").append(length);
            }
        });
        return b.length() == 0 ? null
                : "degraded: event streams over " + options.alarmEntries() + " entries (SQL history behind?): " + b;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
