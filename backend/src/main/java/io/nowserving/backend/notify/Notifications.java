package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.line.LineApi;
import io.nowserving.backend.line.LineTickets;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wiring of the notifications: the outbox (always, for the admin API) and, with LINE or the generic webhook
 * configured, the dispatcher.
 */
public final class Notifications implements AutoCloseable {
    /** The first back-off between tries when LINE sends no Retry-After; doubles per try. */
    static final long FIRST_BACKOFF_MS = 500;

    private final Outbox outbox;
    private final Optional<Notifier> notifier;
    private final Optional<WebhookSender> webhook;
    private final int linePerSecond;

    private Notifications(Outbox outbox, Optional<Notifier> notifier, Optional<WebhookSender> webhook,
                          int linePerSecond) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.webhook = webhook;
        this.linePerSecond = linePerSecond;
    }

    public static Notifications start(NotifySettings settings, RedisClient client, RedisCommands<String, String> redis,
                                      ScriptRunner scripts, RedisKeys keys, LineTickets holders, Optional<LineApi> line,
                                      ObjectMapper json, Supplier<List<String>> branches, String consumer, Clock clock) {
        Outbox outbox = new Outbox(redis, keys);
        Map<String, Channel> channels = new HashMap<>();
        Map<String, SendBucket> buckets = new HashMap<>();
        line.ifPresent(api -> {
            channels.put(Notification.LINE, new LineSender(api, holders, json));
            buckets.put(Notification.LINE, new SendBucket(scripts, keys, Notification.LINE,
                    settings.linePushPerSecond()));
        });
        Optional<WebhookSender> webhook = settings.webhookUrl().map(url -> new WebhookSender(url,
                settings.webhookSecret().orElseThrow(), json, clock));
        webhook.ifPresent(w -> {
            channels.put(Notification.WEBHOOK, w);
            buckets.put(Notification.WEBHOOK, new SendBucket(scripts, keys, Notification.WEBHOOK,
                    settings.webhookPerSecond()));
        });
        Optional<Notifier> notifier = channels.isEmpty() ? Optional.empty() : Optional.of(new Notifier(client, keys,
                branches, new Deriver(redis, keys, holders, settings.ahead(), webhook.isPresent()), outbox,
                new Sender(channels, buckets, outbox, FIRST_BACKOFF_MS), json, consumer));
        notifier.ifPresent(Notifier::start);
        return new Notifications(outbox, notifier, webhook, settings.linePushPerSecond());
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Whether a dispatcher runs here (LINE or the webhook is configured). */
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
        webhook.ifPresent(WebhookSender::close);
    }
}
