package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigMirror;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.time.Clock;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Rebuilds a branch's live Redis state from SQL after Redis lost it: configuration mirrored first, then one
 * script (restore.lua) writes tickets with their token hashes, lines in score order, counters, the numbering of
 * the recent business days, live customer keys, service-time averages, recent calls, a new epoch and a seq that
 * continues from SQL's highest. Refuses a branch with live state unless forced.
 */
public final class Recovery {
    static final LuaScript RESTORE = LuaScript.load(Recovery.class, "restore.lua");
    /** Ticket and day keys live until two days after their business day: rebuild that far back. */
    static final int DAYS_KEPT = 2;

    private final DataSource dataSource;
    private final ConfigMirror mirror;
    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public Recovery(DataSource dataSource, ConfigMirror mirror, ScriptRunner scripts, RedisKeys keys, Ids ids,
                    Clock clock) {
        this.dataSource = dataSource;
        this.mirror = mirror;
        this.scripts = scripts;
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    /** What the restore did, or why it refused ({@code error} set). */
    public record Result(String error, String detail, int tickets, int waiting, String epoch, long seq) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Restores {@code branch}; {@code mode} FORCE overwrites live state. */
    public Result restore(BranchConfig branch, Mode mode) {
        mirror.mirror(branch);
        BusinessDays days = BusinessDays.of(branch);
        LocalDate today = days.dayOf(clock.instant());
        RecoverySource.State state = RecoverySource.load(dataSource, branch.id(), today.minusDays(DAYS_KEPT));
        String payload = RestorePayload.build(json, branch, days, state, today, ids.epoch(), mode == Mode.FORCE,
                clock.millis());
        JsonNode answer = parse(scripts.run(RESTORE, keys.cfg(branch.id()), payload));
        if (answer.has("error")) {
            return new Result(answer.get("error").asText(), answer.path("detail").asText(), 0, 0, null, 0);
        }
        return new Result(null, null, answer.get("restored").asInt(), answer.get("waiting").asInt(),
                answer.get("epoch").asText(), answer.get("seq").asLong());
    }

    /** Whether live state in Redis is refused or overwritten. */
    public enum Mode { REFUSE_LIVE, FORCE }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("restore.lua answered no JSON: " + text, e);
        }
    }
}
