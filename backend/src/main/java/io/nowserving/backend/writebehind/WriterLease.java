package io.nowserving.backend.writebehind;

import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The write-behind lease of one instance (DESIGN.md invariant 4): acquired with the SQL fence as floor, renewed
 * at a third of its TTL only while still owned, and believed held locally only until the TTL measured from when
 * the last acquire or renew was <em>sent</em> (minus a tenth for clock rate differences) — so a leader that
 * cannot renew stops writing before anyone else may take over. Time comes from an injected nano clock so tests
 * can hold it (a paused leader).
 */
final class WriterLease {
    static final LuaScript ACQUIRE = LuaScript.load(WriterLease.class, "lease_acquire.lua");
    static final LuaScript RENEW = LuaScript.load(WriterLease.class, "lease_renew.lua");
    static final LuaScript RELEASE = LuaScript.load(WriterLease.class, "lease_release.lua");

    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final String holder;
    private final long ttlMs;
    private final LongSupplier nanos;
    private volatile long token;
    private volatile long validUntilNanos;

    WriterLease(ScriptRunner scripts, RedisKeys keys, String holder, long ttlMs, LongSupplier nanos) {
        this.scripts = scripts;
        this.keys = keys;
        this.holder = holder;
        this.ttlMs = ttlMs;
        this.nanos = nanos;
    }

    /** Tries to take the lease; true when held now. False also tells (via {@link #lastSeenHeld}) someone holds it. */
    boolean tryAcquire(long sqlFloor) {
        long sent = nanos.getAsLong();
        String r = scripts.run(ACQUIRE, keys.leaseAnchor(), holder, Long.toString(ttlMs), Long.toString(sqlFloor));
        if ("held".equals(r)) {
            token = 0;
            return false;
        }
        token = Long.parseLong(r);
        validUntilNanos = sent + validity();
        return true;
    }

    /** Renews when held; a lease found lost (expired, taken, wiped) is dropped at once. */
    void renew() {
        long t = token;
        if (t == 0) {
            return;
        }
        long sent = nanos.getAsLong();
        String r = scripts.run(RENEW, keys.leaseAnchor(), holder, Long.toString(t), Long.toString(ttlMs));
        if ("renewed".equals(r) && token == t) {
            validUntilNanos = sent + validity();
        } else {
            lose();
        }
    }

    /** Whether this instance may write now: it holds a token and the lease cannot have expired yet. */
    boolean isHeld() {
        return token != 0 && nanos.getAsLong() - validUntilNanos < 0;
    }

    long token() {
        return token;
    }

    String holder() {
        return holder;
    }

    void lose() {
        token = 0;
    }

    /**
     * Gives the lease up (shutdown), so another instance need not wait for it to expire. Sent once through
     * {@code direct}, commands not behind the epoch gate (the release emits no event, and at shutdown the feed that
     * would open a closed gate is already gone): a stop never waits on it.
     */
    void release(ScriptRunner direct) {
        long t = token;
        token = 0;
        if (t != 0) {
            direct.run(RELEASE, keys.leaseAnchor(), holder, Long.toString(t));
        }
    }

    private long validity() {
        return TimeUnit.MILLISECONDS.toNanos(ttlMs - ttlMs / 10);
    }
}
