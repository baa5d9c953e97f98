package io.nowserving.backend.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import io.nowserving.backend.web.Idempotency;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of a verified webhook call: each event once (its {@code webhookEventId} claimed with SET NX EX), text
 * messages of users read as {@link LineCommand}s and answered through the reply API with a quick-reply menu of
 * the open services. Tickets are issued by {@link QueueService} like any other, with channel and actor kind
 * {@code line}, the LINE user id as customer key (hashed there) and a derived token ({@link LineTokens}); which
 * user holds which ticket goes to {@link LineTickets} only. Logs never name a user or a ticket's holder.
 */
public final class LineWebhook {
    private static final Logger log = LoggerFactory.getLogger(LineWebhook.class);
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    /** LINE redelivers for up to about a day; the claim outlives that. */
    private static final long EVENT_CLAIM_SECONDS = Duration.ofDays(2).toSeconds();
    /** A LINE ticket stays live at most through its business day and the next (like the ticket's keys). */
    private static final long LIVE_MS = Duration.ofDays(2).toMillis();

    private final String branch;
    private final QueueService queue;
    private final LineTickets tickets;
    private final LineTokens tokens;
    private final LineApi api;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final Clock clock;
    private final Optional<String> publicUrl;

    public LineWebhook(String branch, QueueService queue, LineTickets tickets, LineTokens tokens, LineApi api,
                       RedisCommands<String, String> redis, RedisKeys keys, ObjectMapper json, Clock clock,
                       Optional<String> publicUrl) {
        this.branch = branch;
        this.queue = queue;
        this.tickets = tickets;
        this.tokens = tokens;
        this.api = api;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** Handles every event of a verified body; an event already handled (a redelivery) is skipped. */
    public void handle(JsonNode body) {
        for (JsonNode event : body.path("events")) {
            String eventId = event.path("webhookEventId").asText("");
            String claim = eventId.isEmpty() ? null : keys.lineEvent(Ids.sha256(eventId));
            if (claim != null && !"OK".equals(redis.set(claim, "1", SetArgs.Builder.nx().ex(EVENT_CLAIM_SECONDS)))) {
                continue;
            }
            try {
                handleEvent(event);
            } catch (RuntimeException e) {
                if (claim != null) {
                    redis.del(claim); // not handled: LINE's redelivery may try again
                }
                throw e;
            }
        }
    }

    private void handleEvent(JsonNode event) {
        String type = event.path("type").asText();
        String user = event.path("source").path("userId").asText("");
        String replyToken = event.path("replyToken").asText("");
        if (!USER_ID.matcher(user).matches() || replyToken.isEmpty()) {
            return;
        }
        if (type.equals("follow")) {
            reply(replyToken, "zh-TW", List.of(LineTexts.text("zh-TW", "help")));
            return;
        }
        if (!type.equals("message") || !"text".equals(event.path("message").path("type").asText())) {
            return;
        }
        LineCommand command = LineCommand.parse(event.path("message").path("text").asText(""));
        String lang = command.language();
        List<String> texts = switch (command.kind()) {
            case TAKE -> take(user, command.service(), lang);
            case STATUS -> status(user, lang);
            case CANCEL -> cancel(user, lang);
            case HELP -> List.of(LineTexts.text(lang, "help"));
        };
        reply(replyToken, lang, texts);
    }

    private List<String> take(String user, String wanted, String lang) {
        BranchSnapshot snapshot = queue.snapshot(branch);
        Optional<BranchSnapshot.ServiceStatus> service = snapshot.services().stream()
                .filter(s -> wanted != null && (s.id().equalsIgnoreCase(wanted) || s.prefix().equalsIgnoreCase(wanted)))
                .findFirst();
        if (service.isEmpty() && wanted == null && snapshot.services().size() == 1) {
            service = Optional.of(snapshot.services().get(0));
        }
        if (service.isEmpty()) {
            return List.of(LineTexts.text(lang, "which"));
        }
        BranchSnapshot.ServiceStatus s = service.get();
        String token = tokens.of(branch, s.id(), user);
        QueueService.Issued issued;
        try {
            issued = queue.issue(new QueueService.IssueRequest(branch, s.id(), lang, false, Caller.line(),
                    Optional.of(user), true, new Idempotency("", "")), token);
        } catch (Refusal e) {
            return List.of(refusal(e, lang, s.name()));
        }
        Ticket t = issued.ticket();
        tickets.record(branch, new LineTickets.Held(t.id(), s.id(), user, t.ahead() == null ? 0 : t.ahead()),
                clock.millis());
        List<String> out = new ArrayList<>();
        if (t.status().equals("waiting")) {
            out.add(LineTexts.text(lang, issued.status() == 201 ? "taken" : "held", t.number(), s.name(),
                    t.ahead(), minutes(t.estimatedWait().minSeconds()), minutes(t.estimatedWait().maxSeconds())));
        } else {
            out.add(describe(lang, t, snapshot)); // the ticket already held has been called meanwhile
        }
        publicUrl.ifPresent(base -> out.add(LineTexts.text(lang, "track",
                base + "/t/" + branch + "/" + t.id() + "#" + token)));
        return out;
    }

    private List<String> status(String user, String lang) {
        BranchSnapshot snapshot = queue.snapshot(branch);
        List<String> out = new ArrayList<>();
        for (Live live : live(user)) {
            out.add(describe(lang, live.ticket(), snapshot));
        }
        return out.isEmpty() ? List.of(LineTexts.text(lang, "none")) : out;
    }

    private static String describe(String lang, Ticket t, BranchSnapshot snapshot) {
        return switch (t.status()) {
            case "called" -> LineTexts.text(lang, "called", t.number(), counterName(snapshot, t.counter()));
            case "waiting" -> LineTexts.text(lang, "waiting", t.number(), serviceName(snapshot, t.service()),
                    t.ahead(), minutes(t.estimatedWait().minSeconds()), minutes(t.estimatedWait().maxSeconds()));
            default -> LineTexts.text(lang, "no_show", t.number());
        };
    }

    private List<String> cancel(String user, String lang) {
        List<String> out = new ArrayList<>();
        for (Live live : live(user)) {
            Ticket t = live.ticket();
            if (!t.status().equals("waiting")) {
                out.add(LineTexts.text(lang, "cannot_cancel", t.number()));
                continue;
            }
            try {
                queue.cancel(branch, t.id(), tokens.of(branch, live.held().service(), user), Caller.line(),
                        new Idempotency("", ""));
                out.add(LineTexts.text(lang, "cancelled", t.number()));
            } catch (Refusal e) {
                out.add(LineTexts.text(lang, "cannot_cancel", t.number()));
            }
        }
        return out.isEmpty() ? List.of(LineTexts.text(lang, "none")) : out;
    }

    private record Live(LineTickets.Held held, Ticket ticket) {
    }

    /** The user's tickets still waiting, called, or missed (may come back), read as staff read them. */
    private List<Live> live(String user) {
        List<Live> out = new ArrayList<>();
        for (LineTickets.Held held : tickets.ofUser(branch, user, clock.millis() - LIVE_MS)) {
            try {
                Ticket t = queue.read(branch, held.ticketId(), Optional.empty());
                if (t.status().equals("waiting") || t.status().equals("called") || t.status().equals("no_show")) {
                    out.add(new Live(held, t));
                }
            } catch (Refusal e) {
                // expired from Redis: not live
            }
        }
        return out;
    }

    private void reply(String replyToken, String lang, List<String> texts) {
        ArrayNode messages = json.createArrayNode();
        for (String text : texts.subList(0, Math.min(5, texts.size()))) {
            messages.addObject().put("type", "text").put("text", text);
        }
        ObjectNode last = (ObjectNode) messages.get(messages.size() - 1);
        ArrayNode items = json.createArrayNode();
        try {
            for (BranchSnapshot.ServiceStatus s : queue.snapshot(branch).services()) {
                if (items.size() == 13 || s.capacityLeft() != null && s.capacityLeft() <= 0) {
                    continue;
                }
                String label = s.prefix() + " " + s.name();
                ObjectNode action = items.addObject().put("type", "action").putObject("action");
                action.put("type", "message").put("label", label.length() > 20 ? label.substring(0, 20) : label)
                        .put("text", LineTexts.text(lang, "take", s.prefix()));
            }
        } catch (Refusal e) {
            // no menu when the branch cannot be read
        }
        if (!items.isEmpty()) {
            last.putObject("quickReply").set("items", items);
        }
        LineApi.Outcome outcome = api.reply(replyToken, messages);
        if (!outcome.delivered()) {
            log.warn("LINE reply refused with HTTP {}", outcome.status());
        }
    }

    private static String refusal(Refusal e, String lang, String service) {
        return switch (e.code()) {
            case BRANCH_CLOSED -> LineTexts.text(lang, "branch_closed");
            case CAPACITY_EXHAUSTED -> LineTexts.text(lang, "capacity_exhausted", service);
            case SERVICE_CLOSED -> LineTexts.text(lang, "service_closed", service);
            default -> LineTexts.text(lang, "unavailable");
        };
    }

    private static long minutes(long seconds) {
        return (seconds + 59) / 60;
    }

    private static String serviceName(BranchSnapshot s, String service) {
        return s.services().stream().filter(x -> x.id().equals(service)).map(BranchSnapshot.ServiceStatus::name)
                .findFirst().orElse(service);
    }

    private static String counterName(BranchSnapshot s, String counter) {
        return s.counters().stream().filter(c -> c.id().equals(counter)).map(c -> c.name()).findFirst()
                .orElse(counter == null ? "" : counter);
    }
}
