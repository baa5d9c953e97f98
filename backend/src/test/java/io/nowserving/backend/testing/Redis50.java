package io.nowserving.backend.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Redis 5.0 accepts, for the commands NowServing may send: names, and the option words introduced later
 * (DESIGN.md: the embedded Redis for Windows is 5.0). A command not listed here is refused too, so that a new
 * one is looked at before it is used.
 */
public final class Redis50 {
    private static final Set<String> COMMANDS = Set.of(
            "AUTH", "PING", "ECHO", "SELECT", "QUIT", "INFO", "TIME", "CONFIG", "CLIENT", "COMMAND", "SCRIPT", "EVAL",
            "EVALSHA", "MONITOR", "SHUTDOWN", "DBSIZE", "ROLE", "WAIT", "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
            "GET", "SET", "SETEX", "PSETEX", "SETNX", "MGET", "MSET", "GETSET", "INCR", "INCRBY", "INCRBYFLOAT", "DECR",
            "DECRBY", "STRLEN", "APPEND", "DEL", "UNLINK", "EXISTS", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "TTL",
            "PTTL", "PERSIST", "TYPE", "SCAN", "KEYS", "RENAME", "HSET", "HSETNX", "HGET", "HMGET", "HMSET", "HGETALL",
            "HDEL", "HINCRBY", "HINCRBYFLOAT", "HLEN", "HEXISTS", "HKEYS", "HVALS", "HSCAN", "LPUSH", "RPUSH", "LPOP",
            "RPOP", "LRANGE", "LTRIM", "LLEN", "LREM", "LINDEX", "SADD", "SREM", "SMEMBERS", "SISMEMBER", "SCARD",
            "SSCAN", "ZADD", "ZREM", "ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZRANK", "ZREVRANK",
            "ZSCORE", "ZCARD", "ZCOUNT", "ZINCRBY", "ZREMRANGEBYRANK", "ZREMRANGEBYSCORE", "ZPOPMIN", "ZPOPMAX",
            "ZSCAN", "XADD", "XRANGE", "XREVRANGE", "XLEN", "XREAD", "XREADGROUP", "XGROUP", "XACK", "XPENDING",
            "XCLAIM", "XTRIM", "XINFO", "XDEL", "PUBLISH", "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
            "PUBSUB", "OBJECT", "MEMORY", "SLOWLOG", "LASTSAVE", "BGREWRITEAOF");

    /** Option words of each command that do not exist in Redis 5.0. */
    private static final Map<String, Set<String>> NEWER_OPTIONS = Map.ofEntries(
            Map.entry("SET", Set.of("GET", "KEEPTTL", "EXAT", "PXAT")),
            Map.entry("ZADD", Set.of("GT", "LT")),
            Map.entry("ZRANGE", Set.of("BYSCORE", "BYLEX", "REV", "LIMIT")),
            Map.entry("XADD", Set.of("NOMKSTREAM", "MINID", "LIMIT")),
            Map.entry("XTRIM", Set.of("MINID", "LIMIT")),
            Map.entry("XPENDING", Set.of("IDLE")),
            Map.entry("XGROUP", Set.of("CREATECONSUMER", "ENTRIESREAD")),
            Map.entry("XCLAIM", Set.of()),
            Map.entry("EXPIRE", Set.of("NX", "XX", "GT", "LT")),
            Map.entry("PEXPIRE", Set.of("NX", "XX", "GT", "LT")),
            Map.entry("EXPIREAT", Set.of("NX", "XX", "GT", "LT")),
            Map.entry("PEXPIREAT", Set.of("NX", "XX", "GT", "LT")),
            Map.entry("SCAN", Set.of("TYPE")),
            Map.entry("CLIENT", Set.of("SETINFO", "TRACKING", "INFO", "NO-EVICT", "NO-TOUCH", "CACHING",
                    "GETREDIR", "TRACKINGINFO", "UNPAUSE")),
            Map.entry("SCRIPT", Set.of()),
            Map.entry("SHUTDOWN", Set.of("NOW", "FORCE", "ABORT")));

    /** Commands whose option words sit at fixed positions only (the rest are keys and values). */
    private static final Set<String> OPTION_AT_ONE = Set.of("CLIENT", "XGROUP", "XINFO", "SCRIPT", "CONFIG", "OBJECT",
            "MEMORY", "PUBSUB", "COMMAND", "SLOWLOG");

    private Redis50() {
    }

    /** The shape of a command: its name and its option words (upper-case tokens), values blanked. */
    public static String shape(List<String> args) {
        String name = args.get(0).toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(name);
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i).toUpperCase(Locale.ROOT);
            boolean word = a.matches("[A-Z][A-Z-]{1,15}") && args.get(i).equals(a);
            b.append(' ').append(word ? a : "_");
        }
        return b.toString();
    }

    /** Why the command would not run on Redis 5.0, or empty when it would. */
    public static Optional<String> violation(List<String> args) {
        String name = args.get(0).toUpperCase(Locale.ROOT);
        if (!COMMANDS.contains(name)) {
            return Optional.of(name + " is not on the Redis 5.0 allow-list");
        }
        Set<String> newer = NEWER_OPTIONS.getOrDefault(name, Set.of());
        int from = 1;
        int to = OPTION_AT_ONE.contains(name) ? Math.min(2, args.size()) : args.size();
        // LPOP/RPOP with a count are 6.2
        if ((name.equals("LPOP") || name.equals("RPOP")) && args.size() > 2) {
            return Optional.of(name + " with a count needs Redis 6.2");
        }
        if ((name.equals("XRANGE") || name.equals("XREVRANGE")) && args.size() > 3
                && (args.get(2).startsWith("(") || args.get(3).startsWith("("))) {
            return Optional.of(name + " with an exclusive range needs Redis 6.2");
        }
        for (int i = from; i < to; i++) {
            String word = args.get(i).toUpperCase(Locale.ROOT);
            if (newer.contains(word)) {
                return Optional.of(name + " " + word + " needs a Redis newer than 5.0");
            }
        }
        return Optional.empty();
    }
}
