package io.nowserving.backend.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts with EVALSHA, loading a script on NOSCRIPT (a restarted or failed-over Redis) and retrying.
 * <p>
 * Exactly once: each execution of a state-changing script carries a request id made here (a ULID), and when its
 * answer is lost (the connection dropped, a time-out, Redis not reachable yet) the same execution is sent again
 * until {@link #BUDGET_MS} has passed. The script answers a second run from the first one's result
 * ({@link LuaScript}), so the caller learns what really happened and nothing happens twice. Lettuce itself never
 * re-sends a script after a reconnect ({@link RedisConnection}); the resend goes through {@code redis}, which for
 * state changes is the {@code EpochGate}'s guarded commands, so it waits for the epoch check. A reader
 * ({@link LuaScript#reader}) is sent once: its caller decides.
 */
public final class ScriptRunner {
    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);
    /** How long one execution is sent again after a lost answer (within a request's time). */
    static final long BUDGET_MS = 12_000;
    private static final long FIRST_PAUSE_MS = 25;
    private static final long LONGEST_PAUSE_MS = 400;
    private static final Ids IDS = new Ids(Clock.systemUTC());

    private final RedisCommands<String, String> redis;
    private final long budgetMs;

    public ScriptRunner(RedisCommands<String, String> redis) {
        this(redis, BUDGET_MS);
    }

    private ScriptRunner(RedisCommands<String, String> redis, long budgetMs) {
        this.redis = redis;
        this.budgetMs = budgetMs;
    }

    /**
     * The same commands, each execution sent once: a lost answer fails at once instead of being asked again. For
     * a stopping instance's last words (giving up its lease), where a lease left to expire is better than a wait.
     */
    public ScriptRunner sendingOnce() {
        return new ScriptRunner(redis, 0);
    }

    /** Runs {@code script} with the one key and the arguments; returns its (string) result. */
    public String run(LuaScript script, String key, String... args) {
        return run(script, new String[] {key}, args);
    }

    /** Runs {@code script} with several keys (all of one hash tag) and the arguments; returns its result. */
    public String run(LuaScript script, String[] keys, String... args) {
        String[] sent = args;
        if (script.once()) {
            sent = Arrays.copyOf(args, args.length + 1);
            sent[args.length] = IDS.ulid();
        }
        long deadline = System.nanoTime() + budgetMs * 1_000_000;
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                String result = runOnce(script, keys, sent);
                if (attempt > 1) {
                    log.info("script {} answered after {} attempts (a lost answer was asked again)", script.name(),
                            attempt);
                }
                return result;
            } catch (RedisCommandExecutionException | RedisCommandInterruptedException e) {
                throw e; // Redis answered (a script error), or the caller is being stopped
            } catch (RedisException e) {
                // the answer is unknown (connection lost, time-out) or the command was not sent: ask again
                if (!script.once() || System.nanoTime() + pause * 1_000_000 - deadline > 0) {
                    throw e;
                }
                sleep(pause);
                pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
            }
        }
    }

    private String runOnce(LuaScript script, String[] keys, String[] args) {
        try {
            return redis.evalsha(script.sha(), ScriptOutputType.VALUE, keys, args);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(script.body());
            return redis.evalsha(script.sha(), ScriptOutputType.VALUE, keys, args);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(e);
        }
    }
}
