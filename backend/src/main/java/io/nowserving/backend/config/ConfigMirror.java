package io.nowserving.backend.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.queue.BranchMirror;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors configuration from SQL into Redis with the versioned script mirror_config.lua: at start-up, after each
 * change, when a script finds a branch missing (a wiped Redis), and every hour (the same version then only
 * refreshes the zone offsets, so daylight-saving changes reach the scripts). A failed mirror is retried and
 * reported by readiness until it succeeds.
 */
public final class ConfigMirror implements BranchMirror, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigMirror.class);
    static final LuaScript MIRROR = LuaScript.load(ConfigMirror.class, "mirror_config.lua");
    static final LuaScript UNMIRROR = LuaScript.load(ConfigMirror.class, "unmirror_config.lua");

    private final ConfigRepository configs;
    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final Ids ids;
    private final ObjectMapper json;
    private final Clock clock;
    private final ToLongFunction<String> committedSeq;
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final Map<String, Long> failedRemovals = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ns-config-mirror");
        t.setDaemon(true);
        return t;
    });

    /** {@code committedSeq}: SQL's highest seq of a branch, where a new epoch's seq starts (a wiped Redis). */
    public ConfigMirror(ConfigRepository configs, ScriptRunner scripts, RedisKeys keys, Ids ids, ObjectMapper json,
                        Clock clock, ToLongFunction<String> committedSeq) {
        this.committedSeq = committedSeq;
        this.configs = configs;
        this.scripts = scripts;
        this.keys = keys;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    /** Schedules the hourly refresh and the retry of failed mirrors. */
    public void start() {
        timer.scheduleWithFixedDelay(this::retryFailed, 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::mirrorAllQuietly, 1, 1, TimeUnit.HOURS);
    }

    /** Mirrors every branch SQL knows. */
    public void mirrorAll() {
        for (BranchConfig b : configs.findAll()) {
            mirror(b);
        }
    }

    @Override
    public boolean mirror(String branchId) {
        return configs.find(branchId).map(b -> {
            mirror(b);
            return true;
        }).orElse(false);
    }

    /** Mirrors one branch; returns the script's verdict (mirrored, zone or stale). */
    public String mirror(BranchConfig b) {
        try {
            String result = scripts.run(MIRROR, keys.cfg(b.id()), Long.toString(b.version()), ids.epoch(), payload(b),
                    Long.toString(committedSeq.applyAsLong(b.id())));
            failed.remove(b.id());
            if ("mirrored".equals(result)) {
                log.info("mirrored configuration of branch {} version {}", b.id(), b.version());
            }
            return result;
        } catch (RuntimeException e) {
            failed.put(b.id(), "version " + b.version());
            throw e;
        }
    }

    /**
     * Makes Redis forget a branch SQL has removed, leaving a tombstone at {@code tombstoneVersion} (see
     * unmirror_config.lua); retried like a failed mirror when Redis cannot be reached.
     */
    public void remove(String branchId, long tombstoneVersion) {
        try {
            scripts.run(UNMIRROR, keys.cfg(branchId), Long.toString(tombstoneVersion));
            failedRemovals.remove(branchId);
            log.info("removed the configuration of branch {} from Redis", branchId);
        } catch (RuntimeException e) {
            failedRemovals.put(branchId, tombstoneVersion);
            log.warn("removing branch {} from Redis failed; retrying: {}", branchId, e.toString());
        }
    }

    /** Null when every branch is mirrored (and every removed one forgotten), else which are not. */
    public String problem() {
        if (failed.isEmpty() && failedRemovals.isEmpty()) {
            return null;
        }
        return failedRemovals.isEmpty() ? "not yet mirrored: " + failed
                : "not yet mirrored: " + failed + ", not yet removed: " + failedRemovals.keySet();
    }

    String payload(BranchConfig b) {
        Instant now = clock.instant();
        ZoneRules rules = b.timeZone().getRules();
        ZoneOffsetTransition next = rules.nextTransition(now);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", b.name());
        p.put("dayStart", b.businessDayStart().getHour() * 60 + b.businessDayStart().getMinute());
        p.put("hours", OpeningHoursCodec.encode(b.openingHours()));
        p.put("closedDays", closedDays(b));
        p.put("remote", b.remoteQueueing());
        p.put("tz", b.timeZone().getId());
        p.put("tzOffset", rules.getOffset(now).getTotalSeconds());
        p.put("tzNextChange", next == null ? 0 : next.getInstant().toEpochMilli());
        p.put("tzNextOffset", next == null ? rules.getOffset(now).getTotalSeconds() : next.getOffsetAfter().getTotalSeconds());
        p.put("services", b.services().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("prefix", s.prefix());
            m.put("capacity", s.dailyCapacity());
            m.put("targetWait", s.targetWaitSeconds());
            m.put("grace", s.noShowGraceSeconds());
            m.put("ahead", s.notifyAhead());
            return m;
        }).toList());
        p.put("counters", b.counters().stream().map(c -> Map.of("id", c.id(), "name", c.name(), "services", c.services())).toList());
        try {
            return json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String closedDays(BranchConfig b) {
        List<String> days = b.closedDays().stream().map(d -> d.toString().replace("-", "")).toList();
        return days.isEmpty() ? "" : "," + String.join(",", days) + ",";
    }

    private void retryFailed() {
        failedRemovals.forEach(this::remove);
        for (String branch : List.copyOf(failed.keySet())) {
            try {
                if (!mirror(branch)) {
                    failed.remove(branch); // removed from SQL meanwhile: nothing left to mirror
                }
            } catch (RuntimeException e) {
                log.warn("mirroring branch {} failed again: {}", branch, e.toString());
            }
        }
    }

    private void mirrorAllQuietly() {
        try {
            mirrorAll();
        } catch (RuntimeException e) {
            log.warn("hourly configuration refresh failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
