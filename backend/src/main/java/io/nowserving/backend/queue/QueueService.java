package io.nowserving.backend.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import io.nowserving.backend.web.Idempotency;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.WaitingTicket;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The queue's rules on the Java side: ids, tokens and their hashes are made here (never in Lua), inputs are
 * checked, and script answers become API records. Every state change itself is one script in {@link QueueStore}.
 */
public final class QueueService {
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    private final QueueStore store;
    private final Ids ids;
    private final ObjectMapper json;
    private final String defaultLanguage;
    private volatile Outcomes outcomes = new Outcomes() {
    };

    /** Told of tickets issued and called through this instance (the metrics count them per service). */
    public interface Outcomes {
        default void issued(String branch, String service) {
        }

        default void called(String branch, String service) {
        }
    }

    /** Sets who is told of tickets issued and called (one listener; the last one set wins). */
    public void tell(Outcomes listener) {
        this.outcomes = listener;
    }

    public QueueService(QueueStore store, Ids ids, ObjectMapper json, String defaultLanguage) {
        this.store = store;
        this.ids = ids;
        this.json = json;
        this.defaultLanguage = defaultLanguage;
    }

    /** A ticket just issued (201) or the live ticket the customer already held (200), with a fresh token. */
    public record Issued(int status, Ticket ticket) {
    }

    /** What a ticket request asks for, after the access check decided who asks. */
    public record IssueRequest(String branch, String service, String language, boolean priority, Caller caller,
                               Optional<String> customerKey, boolean presenceOk, Idempotency idempotency) {
    }

    public Issued issue(IssueRequest r) {
        return issue(r, ids.token());
    }

    /**
     * Issues with a ticket token the caller chose (at least 256 bits): the LINE webhook derives its tokens, so that
     * it can act for the holder later without keeping a token anywhere.
     */
    public Issued issue(IssueRequest r, String token) {
        requireConfigId("branch", r.branch());
        requireConfigId("service", r.service());
        String language = r.language() == null ? defaultLanguage : r.language();
        if (!LANGUAGE.matcher(language).matches()) {
            throw Refusal.invalid("field 'language' must be a language tag such as zh-TW or en");
        }
        // the channel comes from the credential, never from the body
        Caller.Kind kind = r.caller().kind();
        String channel = r.caller().isStaff() ? "staff" : kind == Caller.Kind.KIOSK ? "kiosk"
                : kind == Caller.Kind.LINE ? "line" : "web";
        // customer keys of web devices and LINE users live in one space per branch and service: tagged apart
        String keyTag = kind == Caller.Kind.LINE ? "line:" : "web:";
        JsonNode answer = store.run(QueueStore.ISSUE, r.branch(), r.idempotency().keyHash(),
                r.idempotency().fingerprint(), ids.ulid(), Ids.sha256(token), r.service(), language,
                r.priority() ? "1" : "0", channel, r.customerKey().map(k -> Ids.sha256(keyTag + k)).orElse(""),
                r.caller().actorKind(), r.caller().actorId(),
                r.presenceOk() ? "1" : "0");
        Ticket ticket = convert(answer.get("ticket"), Ticket.class);
        int status = answer.get("status").asInt();
        if (status == 201) {
            outcomes.issued(r.branch(), ticket.service());
        }
        return new Issued(status, ticket.withToken(token, null));
    }

    public CounterAction callNext(String branch, String counter, Caller caller, Idempotency idem) {
        return called(branch, counterAction(QueueStore.CALL_NEXT, branch, counter, caller, idem));
    }

    private CounterAction called(String branch, CounterAction action) {
        if (action.ticket() != null) {
            outcomes.called(branch, action.ticket().service());
        }
        return action;
    }

    public CounterAction complete(String branch, String counter, Caller caller, Idempotency idem) {
        return counterAction(QueueStore.COMPLETE, branch, counter, caller, idem);
    }

    /** Opens ({@code open}), pauses ({@code paused}) or closes ({@code closed}) a counter. */
    public CounterAction setCounterState(String branch, String counter, String state, Caller caller,
                                         Idempotency idem) {
        return counterAction(QueueStore.COUNTER_STATE, branch, counter, caller, idem, state);
    }

    /** Calls a specific waiting ticket to the counter, out of turn. */
    public CounterAction call(String branch, String counter, String ticketId, Caller caller, Idempotency idem) {
        requireTicketId(ticketId);
        return called(branch, counterAction(QueueStore.CALL_TICKET, branch, counter, caller, idem, ticketId));
    }

    public CounterAction recall(String branch, String counter, Caller caller, Idempotency idem) {
        return counterAction(QueueStore.RECALL, branch, counter, caller, idem);
    }

    public CounterAction noShow(String branch, String counter, Caller caller, Idempotency idem) {
        return counterAction(QueueStore.NO_SHOW, branch, counter, caller, idem);
    }

    public CounterAction reopen(String branch, String counter, Caller caller, Idempotency idem) {
        return counterAction(QueueStore.REOPEN, branch, counter, caller, idem);
    }

    public CounterAction transfer(String branch, String counter, String service, Caller caller, Idempotency idem) {
        requireConfigId("service", service);
        return counterAction(QueueStore.TRANSFER, branch, counter, caller, idem, service);
    }

    /** Signs the calling clerk in at the counter ({@code in}) or out of it. */
    public CounterAction sign(String branch, String counter, boolean in, Caller caller, Idempotency idem) {
        return counterAction(QueueStore.SIGN, branch, counter, caller, idem, in ? "in" : "out");
    }

    /** A no-show back within the grace period: waiting again at its old place. Staff and kiosks need no token. */
    public Ticket returnTicket(String branch, String ticketId, Optional<String> token, Caller caller,
                               Idempotency idem) {
        requireConfigId("branch", branch);
        requireTicketId(ticketId);
        return convert(store.run(QueueStore.RETURN, branch, idem.keyHash(), idem.fingerprint(), ticketId,
                token.map(Ids::sha256).orElse(""), caller.actorKind(), caller.actorId()), Ticket.class);
    }

    /** The console's list: waiting tickets in line order per service, then called ones. */
    public List<WaitingTicket> list(String branch, String status, String service) {
        requireConfigId("branch", branch);
        if (status != null && !status.equals("waiting") && !status.equals("called")) {
            throw Refusal.invalid("status must be waiting or called");
        }
        if (service != null) {
            requireConfigId("service", service);
        }
        JsonNode answer = store.run(QueueStore.LIST, branch, status == null ? "" : status, service == null ? "" : service);
        return List.of(convert(answer, WaitingTicket[].class));
    }

    /** Ends a past business day of the branch if no instance has yet; true when this call did. */
    public boolean rollDay(String branch) {
        return "rolled".equals(store.runPlain(QueueStore.ROLL_DAY, branch));
    }

    /** Cancels a waiting ticket for its holder; a wrong token is indistinguishable from an unknown ticket. */
    public void cancel(String branch, String ticketId, String token, Caller caller, Idempotency idem) {
        requireConfigId("branch", branch);
        requireTicketId(ticketId);
        store.run(QueueStore.CANCEL, branch, idem.keyHash(), idem.fingerprint(), ticketId, Ids.sha256(token),
                caller.actorKind(), caller.actorId());
    }

    /** The ticket for its holder (with token) or for staff (token empty). */
    public Ticket read(String branch, String ticketId, Optional<String> token) {
        requireConfigId("branch", branch);
        requireTicketId(ticketId);
        return convert(store.run(QueueStore.READ_TICKET, branch, ticketId, token.map(Ids::sha256).orElse("")),
                Ticket.class);
    }

    public BranchSnapshot snapshot(String branch) {
        requireConfigId("branch", branch);
        ObjectNode answer = (ObjectNode) store.run(QueueStore.SNAPSHOT, branch);
        // Lua's cjson writes an empty list as {}
        for (String list : new String[] {"services", "counters", "recentCalls"}) {
            if (!answer.path(list).isArray()) {
                answer.putArray(list);
            }
        }
        return convert(answer, BranchSnapshot.class);
    }

    private CounterAction counterAction(io.nowserving.backend.redis.LuaScript script, String branch, String counter,
                                        Caller caller, Idempotency idem, String... extra) {
        requireConfigId("branch", branch);
        requireConfigId("counter", counter);
        String[] args = new String[5 + extra.length];
        args[0] = idem.keyHash();
        args[1] = idem.fingerprint();
        args[2] = counter;
        args[3] = caller.actorKind();
        args[4] = caller.actorId();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return convert(store.run(script, branch, args), CounterAction.class);
    }

    static void requireConfigId(String field, String value) {
        if (!Ids.isConfigId(value)) {
            throw Refusal.invalid(field + " id must be 1-32 of a-z, 0-9 and '-'");
        }
    }

    static void requireTicketId(String value) {
        if (!Ids.isUlid(value)) {
            throw Refusal.invalid("ticket id must be a 26-character ULID");
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a queue script answered an unexpected shape for " + type.getSimpleName(), e);
        }
    }
}
