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

    /** A pattern matching every key of the branch, for SCAN in tests and tools. */
    public String allOf(String b) {
        return branch(b).replace("{", "\\{").replace("}", "\\}") + "*";
    }
}
