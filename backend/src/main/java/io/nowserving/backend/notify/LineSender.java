package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nowserving.backend.line.LineApi;
import io.nowserving.backend.line.LineTexts;
import io.nowserving.backend.line.LineTickets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one outbox notification by LINE push: the holder looked up in {@link LineTickets} at send time (gone:
 * dropped), a token from the channel's {@link SendBucket} before every try, the notification's own retry key on
 * every try (LINE delivers a key once; a 409 for it means delivered). 429, 5xx and no answer are tried again after
 * LINE's {@code Retry-After} or else a doubling back-off; after {@link #TRIES} tries, or at once on any other
 * refusal, it goes to the dead letters.
 */
final class LineSender {
    private static final Logger log = LoggerFactory.getLogger(LineSender.class);
    static final int TRIES = 5;
    private static final long LONGEST_WAIT_MS = 30_000;

    private final LineApi api;
    private final LineTickets holders;
    private final SendBucket bucket;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final long firstBackoffMs;

    LineSender(LineApi api, LineTickets holders, SendBucket bucket, Outbox outbox, ObjectMapper json,
               long firstBackoffMs) {
        this.api = api;
        this.holders = holders;
        this.bucket = bucket;
        this.outbox = outbox;
        this.json = json;
        this.firstBackoffMs = firstBackoffMs;
    }

    /** Sends (or buries) the notification; returns once it is settled either way. */
    void send(Map<String, String> fields) throws InterruptedException {
        Notification n = Notification.of(fields);
        Optional<LineTickets.Held> holder = holders.holder(n.branch(), n.ticketId());
        if (holder.isEmpty()) {
            outbox.count("noRecipient");
            return;
        }
        ArrayNode messages = json.createArrayNode();
        messages.addObject().put("type", "text").put("text", text(n));
        String why = "";
        int tries = 0;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            tries = attempt;
            bucket.acquire();
            LineApi.Outcome outcome = api.push(holder.get().lineUserId(), messages, n.retryKey());
            if (outcome.delivered()) {
                outbox.count("sent");
                return;
            }
            outbox.count("failed");
            why = outcome.status() == 0 ? "no answer" : "HTTP " + outcome.status();
            if (!outcome.retriable()) {
                break;
            }
            if (attempt < TRIES) {
                long wait = outcome.retryAfterSeconds() >= 0 ? outcome.retryAfterSeconds() * 1000
                        : firstBackoffMs << (attempt - 1);
                Thread.sleep(Math.min(LONGEST_WAIT_MS, wait));
            }
        }
        log.warn("LINE push of a {} notification given up ({}); kept as a dead letter", n.kind(), why);
        outbox.bury(fields, why, tries);
    }

    static String text(Notification n) {
        return switch (n.kind()) {
            case "ahead" -> "0".equals(n.param()) ? LineTexts.text(n.language(), "notify.next", n.number())
                    : LineTexts.text(n.language(), "notify.ahead", n.number(), n.param());
            case "called" -> LineTexts.text(n.language(), "notify.called", n.number(), n.param());
            case "no_show" -> LineTexts.text(n.language(), "notify.no_show", n.number(), n.param());
            default -> throw new IllegalArgumentException("unknown notification kind " + n.kind());
        };
    }
}
