package io.nowserving.backend.redis;

/**
 * The one place Java names Redis keys. Every key of a branch carries the branch id as a hash tag,
 * {@code <prefix>{<branch>}:…}, so a branch lives in one cluster slot; Lua scripts build the rest of a branch's
 * keys from {@link #cfg} (see lib/core.lua).
 */
public final class RedisKeys {
    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    private String branch(String b) {
        return prefix + "{" + b + "}:";
    }

    /** The branch's mirrored configuration hash; KEYS[1] of every branch script. */
    public String cfg(String b) {
        return branch(b) + "cfg";
    }

    public String events(String b) {
        return branch(b) + "events";
    }

    public String live(String b) {
        return branch(b) + "live";
    }

    /** The Pub/Sub pattern matching every branch's live channel under this prefix. */
    public String livePattern() {
        return prefix + "{*}:live";
    }

    /** The branch id of a live channel under this prefix, or null for another channel. */
    public String branchOfLive(String channel) {
        String head = prefix + "{";
        String tail = "}:live";
        if (!channel.startsWith(head) || !channel.endsWith(tail) || channel.length() <= head.length() + tail.length()) {
            return null;
        }
        return channel.substring(head.length(), channel.length() - tail.length());
    }

    /** A ticket feed's stream token, by its SHA-256; holds the ticket id, expires after 5 minutes. */
    public String streamToken(String b, String tokenHash) {
        return branch(b) + "st:" + tokenHash;
    }

    /** How many stream tokens a ticket was given in the current window (a cap, so nobody fills Redis with them). */
    public String streamTokenCount(String b, String ticketId) {
        return branch(b) + "stc:" + ticketId;
    }

    public String seq(String b) {
        return branch(b) + "seq";
    }

    public String epoch(String b) {
        return branch(b) + "epoch";
    }

    /** The branch's test clock offset in ms (only with NOWSERVING_TEST_CLOCK). */
    public String clock(String b) {
        return branch(b) + "clock";
    }

    public String ticket(String b, String id) {
        return branch(b) + "t:" + id;
    }

    public String line(String b, String service) {
        return branch(b) + "line:" + service;
    }

    public String counter(String b, String c) {
        return branch(b) + "ctr:" + c;
    }

    // Staff auth and abuse protection: one hash tag, {auth}, so that the scripts touching several of these keys
    // stay in one cluster slot. Token and address parts are SHA-256 hashes, never the raw values.

    private String auth() {
        return prefix + "{auth}:";
    }

    /** A staff session (hash: user, role, branches, mustChange), by the SHA-256 of its token; sliding expiry. */
    public String session(String tokenHash) {
        return auth() + "session:" + tokenHash;
    }

    /** The prefix of {@link #userSessions}, for the touch script that builds the key from a session's user. */
    public String userSessionsPrefix() {
        return auth() + "user:";
    }

    /** The set of session hashes of one user, so that all of them can be revoked at once. */
    public String userSessions(String userId) {
        return userSessionsPrefix() + userId + ":sessions";
    }

    /** A display or kiosk device (hash: id, branch, role), by the SHA-256 of its token; until revoked. */
    public String device(String tokenHash) {
        return auth() + "device:" + tokenHash;
    }

    /**
     * The first answer to a request with an Idempotency-Key on a route that is not one script (configuration,
     * users, devices), by the hash of the key scoped to the caller; 24 hours.
     */
    public String replay(String keyHash) {
        return auth() + "replay:" + keyHash;
    }

    /** The presence-token signing keys (hash: current and previous id and secret, rotatedAt). */
    public String presenceKeys() {
        return auth() + "presence";
    }

    /** The secret mixed into client-address hashes, so that a hashed IPv4 address cannot be looked up. */
    public String addressPepper() {
        return auth() + "pepper";
    }

    /** Login failures of one (account, client address) pair: count and blocked-until; expires. */
    public String loginPair(String pairHash) {
        return auth() + "login:pair:" + pairHash;
    }

    /** Login failures from one client address in the current window, and its lock; expires. */
    public String loginAddress(String addressHash) {
        return auth() + "login:addr:" + addressHash;
    }

    /** How many pair keys ({@link #loginPair}) one hashed client address holds (the login throttle's cap). */
    public String loginAccounts(String addressHash) {
        return auth() + "login:names:" + addressHash;
    }

    /** Web-ticket requests in one minute window, by hashed client address or customer key; expires. */
    public String rateLimit(String kind, String hash, long window) {
        return auth() + "rl:" + kind + ":" + hash + ":" + window;
    }

    /**
     * The private side stream of rotated ticket-token hashes (issue_ticket.lua), read by the history writer into
     * SQL; never part of any feed.
     */
    public String tokens(String b) {
        return branch(b) + "tokens";
    }

    /**
     * KEYS[1] of the write-behind lease scripts: never written itself, it only anchors lib/core.lua's {@code k()}
     * so that {@code k('history')} is {@link #lease()} and {@code k('fence')} is {@link #fence()}.
     */
    public String leaseAnchor() {
        return prefix + "{lease}:cfg";
    }

    /** The write-behind lease: a hash {holder, token} with the lease's expiry as its TTL. */
    public String lease() {
        return prefix + "{lease}:history";
    }

    /** The lease's fencing counter; never expires. */
    public String fence() {
        return prefix + "{lease}:fence";
    }

    /** A service's mirrored configuration (name, prefix, grace, …). */
    public String serviceConfig(String b, String service) {
        return branch(b) + "cfg:svc:" + service;
    }

    /** A counter's mirrored configuration (name, services). */
    public String counterConfig(String b, String counter) {
        return branch(b) + "cfg:ctr:" + counter;
    }

    // LINE and notifications (backend.line, backend.notify). No LINE user id is ever part of a key or value.

    /** A LINE webhook event handled, by the SHA-256 of its webhookEventId; two days. */
    public String lineEvent(String eventIdHash) {
        return prefix + "{line}:event:" + eventIdHash;
    }

    /** A notification of one kind derived for a ticket (at most once across instances); two days. */
    public String notified(String b, String ticketId, String kind) {
        return branch(b) + "notify:" + ticketId + ":" + kind;
    }

    /** The outbox stream of notifications to send: fields b, t, k, n, lang, p, rk (retry key), ch (channel). */
    public String outbox() {
        return prefix + "{notify}:outbox";
    }

    /** Notifications given up after their last try, for admins to replay. */
    public String deadLetters() {
        return prefix + "{notify}:dead";
    }

    /** Present while sending is paused by an admin. */
    public String notifyPaused() {
        return prefix + "{notify}:paused";
    }

    /** The token bucket of one sending channel (hash: tokens, at µs); expires when unused. */
    public String sendBucket(String channel) {
        return prefix + "{notify}:bucket:" + channel;
    }

    /** Counters of the notification channels (hash: sent, failed, dead, replayed …). */
    public String notifyCounts() {
        return prefix + "{notify}:counts";
    }

    /** A pattern matching every key of the branch, for SCAN in tests and tools. */
    public String allOf(String b) {
        return branch(b).replace("{", "\\{").replace("}", "\\}") + "*";
    }
}
