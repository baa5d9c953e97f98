package io.nowserving.backend.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.ErrorCode;

/**
 * The queue's Redis side: each state change is one script (see the .lua files beside this class). Answers are
 * JSON; a refusal becomes an {@link Refusal} with its code. A branch missing from Redis is mirrored from SQL
 * once and the script run again.
 */
public final class QueueStore {
    static final LuaScript ISSUE = LuaScript.load(QueueStore.class, "issue_ticket.lua");
    static final LuaScript CALL_NEXT = LuaScript.load(QueueStore.class, "call_next.lua");
    static final LuaScript COMPLETE = LuaScript.load(QueueStore.class, "complete.lua");
    static final LuaScript COUNTER_STATE = LuaScript.load(QueueStore.class, "counter_state.lua");
    static final LuaScript CANCEL = LuaScript.load(QueueStore.class, "cancel_ticket.lua");
    static final LuaScript READ_TICKET = LuaScript.reader(QueueStore.class, "read_ticket.lua");
    static final LuaScript SNAPSHOT = LuaScript.reader(QueueStore.class, "snapshot.lua");
    static final LuaScript CALL_TICKET = LuaScript.load(QueueStore.class, "call_ticket.lua");
    static final LuaScript RECALL = LuaScript.load(QueueStore.class, "recall.lua");
    static final LuaScript NO_SHOW = LuaScript.load(QueueStore.class, "no_show.lua");
    static final LuaScript RETURN = LuaScript.load(QueueStore.class, "return_ticket.lua");
    static final LuaScript REOPEN = LuaScript.load(QueueStore.class, "reopen.lua");
    static final LuaScript TRANSFER = LuaScript.load(QueueStore.class, "transfer.lua");
    static final LuaScript SIGN = LuaScript.load(QueueStore.class, "counter_sign.lua");
    static final LuaScript LIST = LuaScript.reader(QueueStore.class, "list_tickets.lua");
    static final LuaScript ROLL_DAY = LuaScript.load(QueueStore.class, "roll_day.lua");

    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final BranchMirror mirror;
    private final ObjectMapper json;

    public QueueStore(ScriptRunner scripts, RedisKeys keys, BranchMirror mirror, ObjectMapper json) {
        this.scripts = scripts;
        this.keys = keys;
        this.mirror = mirror;
        this.json = json;
    }

    /** Runs a branch script; returns its JSON answer or throws its refusal. */
    public JsonNode run(LuaScript script, String branch, String... args) {
        JsonNode answer = parse(scripts.run(script, keys.cfg(branch), args));
        if (isError(answer, "not_configured")) {
            if (!mirror.mirror(branch)) {
                throw Refusal.notFound("unknown branch " + branch);
            }
            answer = parse(scripts.run(script, keys.cfg(branch), args));
        }
        JsonNode error = answer.isObject() ? answer.get("error") : null;
        if (error != null) {
            String code = error.asText();
            String detail = answer.path("detail").asText(code);
            if (code.equals("not_configured")) {
                throw new Refusal(ErrorCode.UNAVAILABLE, "branch " + branch + " is being restored; retry");
            }
            throw new Refusal(ErrorCode.fromCode(code), detail);
        }
        return answer;
    }

    /** Runs a script whose answer is a plain word (no JSON), e.g. roll_day. */
    public String runPlain(LuaScript script, String branch, String... args) {
        return scripts.run(script, keys.cfg(branch), args);
    }

    private static boolean isError(JsonNode answer, String code) {
        return answer.isObject() && answer.has("error") && code.equals(answer.get("error").asText());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a queue script answered malformed JSON", e);
        }
    }
}
