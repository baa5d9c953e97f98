package io.nowserving.backend.events;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch rule of invariant 2, run at start-up and after every Redis reconnect: for each branch, Redis' seq is
 * compared with the highest seq known to have existed (the highest this instance has seen, in any epoch, and the
 * highest SQL committed); when Redis is behind, new_epoch.lua starts a new epoch whose seq continues from there,
 * so clients holding ids of the lost tail get a snapshot instead of different events under the same ids.
 * Seqs never go down across epochs (a new epoch continues after the highest known), so the highest seen in any
 * epoch is a valid floor.
 */
public final class EpochGuard {
    private static final Logger log = LoggerFactory.getLogger(EpochGuard.class);
    static final LuaScript NEW_EPOCH = LuaScript.load(EpochGuard.class, "new_epoch.lua");

    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final Ids ids;
    private final CommittedSeqs committed;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public EpochGuard(ScriptRunner scripts, RedisKeys keys, Ids ids, CommittedSeqs committed) {
        this.scripts = scripts;
        this.keys = keys;
        this.ids = ids;
        this.committed = committed;
    }

    /** Remembers a seq read from Redis or received by Pub/Sub. */
    public void record(String branch, long seq) {
        seen.merge(branch, seq, Math::max);
    }

    public long highestSeen(String branch) {
        return seen.getOrDefault(branch, 0L);
    }

    /** The branches with something to compare: seen here, or committed in SQL. */
    public Set<String> branches() {
        Set<String> all = new TreeSet<>(seen.keySet());
        all.addAll(committed.branches());
        return all;
    }

    /** Applies the rule to these branches; throws when Redis cannot be asked (the caller retries). */
    public void check(Collection<String> branches) {
        for (String b : branches) {
            long known = Math.max(highestSeen(b), committed.committed(b));
            if (known <= 0) {
                continue;
            }
            String epoch = ids.epoch();
            String result = scripts.run(NEW_EPOCH, keys.cfg(b), epoch, Long.toString(known));
            if (result.startsWith("new")) {
                log.warn("branch {}: Redis' event sequence stood at {} but seq {} existed (lost AOF tail, failover or"
                        + " restore); started epoch {} continuing from {}", b, result.substring(4), known, epoch, known);
            }
        }
    }
}
