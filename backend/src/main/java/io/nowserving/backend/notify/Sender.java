package io.nowserving.backend.notify;

import io.nowserving.backend.line.LineApi;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one outbox notification through its channel: a token from the channel's {@link SendBucket} before every
 * try; 429, 5xx and no answer are tried again after the answer's {@code Retry-After} or else a doubling back-off
 * (at most 30 s); after {@link #TRIES} tries, or at once on any other refusal, it becomes a dead letter. A
 * notification without a recipient any more (erased, or a channel no longer configured) is dropped.
 */
final class Sender {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    static final int TRIES = 5;
    private static final long LONGEST_WAIT_MS = 30_000;

    private final Map<String, Channel> channels;
    private final Map<String, SendBucket> buckets;
    private final Outbox outbox;
    private final long firstBackoffMs;

    Sender(Map<String, Channel> channels, Map<String, SendBucket> buckets, Outbox outbox, long firstBackoffMs) {
        this.channels = Map.copyOf(channels);
        this.buckets = Map.copyOf(buckets);
        this.outbox = outbox;
        this.firstBackoffMs = firstBackoffMs;
    }

    /** Sends (or buries) the notification; returns once it is settled either way. */
    void send(Map<String, String> fields) throws InterruptedException {
        Notification n = Notification.of(fields);
        Channel channel = channels.get(n.channel());
        Optional<Supplier<LineApi.Outcome>> attempt = channel == null ? Optional.empty() : channel.prepare(n);
        if (attempt.isEmpty()) {
            outbox.count("noRecipient");
            return;
        }
        String why = "";
        int tries = 0;
        for (int i = 1; i <= TRIES; i++) {
            tries = i;
            buckets.get(n.channel()).acquire();
            LineApi.Outcome outcome = attempt.get().get();
            if (outcome.delivered()) {
                outbox.count("sent");
                return;
            }
            outbox.count("failed");
            why = outcome.status() == 0 ? "no answer" : "HTTP " + outcome.status();
            if (!outcome.retriable()) {
                break;
            }
            if (i < TRIES) {
                long wait = outcome.retryAfterSeconds() >= 0 ? outcome.retryAfterSeconds() * 1000
                        : firstBackoffMs << (i - 1);
                Thread.sleep(Math.min(LONGEST_WAIT_MS, wait));
            }
        }
        log.warn("{} notification of kind {} given up ({}); kept as a dead letter", n.channel(), n.kind(), why);
        outbox.bury(fields, why, tries);
    }
}
