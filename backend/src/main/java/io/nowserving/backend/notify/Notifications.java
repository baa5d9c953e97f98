package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.Settings;
import io.nowserving.backend.line.LineApi;
import io.nowserving.backend.line.LineTickets;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Wiring of the notifications: the outbox (always, for the admin API) and, with LINE on, the dispatcher. */
public final class Notifications implements AutoCloseable {
    /** The first back-off between tries when LINE sends no Retry-After; doubles per try. */
    static final long FIRST_BACKOFF_MS = 500;

    private final Outbox outbox;
    private final Optional<Notifier> notifier;
    private final int linePerSecond;

    private Notifications(Outbox outbox, Optional<Notifier> notifier, int linePerSecond) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.linePerSecond = linePerSecond;
    }

    public static Notifications start(Settings.Notify settings, RedisClient client, RedisCommands<String, String> redis,
                                      ScriptRunner scripts, RedisKeys keys, LineTickets holders, Optional<LineApi> line,
                                      ObjectMapper json, Supplier<List<String>> branches, String consumer) {
        Outbox outbox = new Outbox(redis, keys);
        Optional<Notifier> notifier = line.map(api -> new Notifier(client, keys, branches,
                new Deriver(redis, keys, holders, settings.ahead()), outbox,
                new LineSender(api, holders, new SendBucket(scripts, keys, "line", settings.linePushPerSecond()),
                        outbox, json, FIRST_BACKOFF_MS), json, consumer));
        notifier.ifPresent(Notifier::start);
        return new Notifications(outbox, notifier, settings.linePushPerSecond());
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Whether a dispatcher runs here (LINE is configured). */
    public boolean running() {
        return notifier.isPresent();
    }

    public int linePerSecond() {
        return linePerSecond;
    }

    /** Prometheus lines: outbox length, dead letters, paused, the counters (all instances), the rate. */
    public String metrics() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP nowserving_notify_outbox Notifications queued and not yet settled.\n")
                .append("# TYPE nowserving_notify_outbox gauge\nnowserving_notify_outbox ").append(outbox.length())
                .append("\n# HELP nowserving_notify_dead_letters Notifications given up, kept for replay.\n")
                .append("# TYPE nowserving_notify_dead_letters gauge\nnowserving_notify_dead_letters ")
                .append(outbox.deadCount())
                .append("\n# HELP nowserving_notify_paused 1 while an admin has paused sending.\n")
                .append("# TYPE nowserving_notify_paused gauge\nnowserving_notify_paused ")
                .append(outbox.paused() ? 1 : 0)
                .append("\n# HELP nowserving_notify_line_push_per_second The LINE push rate limit.\n")
                .append("# TYPE nowserving_notify_line_push_per_second gauge\nnowserving_notify_line_push_per_second ")
                .append(linePerSecond)
                .append("\n# HELP nowserving_notify_total Notifications by outcome (all instances).\n")
                .append("# TYPE nowserving_notify_total counter\n");
        outbox.counts().forEach((k, v) -> out.append("nowserving_notify_total{outcome=\"").append(k).append("\"} ")
                .append(v).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        notifier.ifPresent(Notifier::close);
    }
}
