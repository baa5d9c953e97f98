package io.nowserving.backend.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One Lua script: its file (next to the Java code that runs it) with the shared library files prepended, and
 * the SHA-1 that EVALSHA names it by. A script that changes state ({@link #load}, {@link #standalone}) runs
 * exactly once per execution: {@link ScriptRunner} appends a request id as the last ARGV, and the script, wrapped
 * here, answers a second run with that id from the first run's result, kept 60 s under
 * {@code <KEYS[1] up to its hash tag>:run:<id>}, without changing anything. Readers ({@link #reader}) are not
 * wrapped: running one twice is harmless and keeping its (large) answer would cost memory.
 */
public record LuaScript(String name, String body, String sha, boolean once) {

    /** The library files, in order, prepended to every branch script. */
    static final List<String> LIBRARY = List.of("lib/core.lua", "lib/queue.lua");

    /** How long a run's result answers a second run of the same execution (well past any resend). */
    static final long RUN_KEEP_MS = 60_000;

    private static final String ONCE_HEAD = """
            -- exactly once (LuaScript): ARGV[#ARGV] is this execution's request id, made by the backend; a second run
            -- with it answers the first run's result and changes nothing.
            local run_id_ = ARGV[#ARGV]
            ARGV[#ARGV] = nil
            local run_key_ = (string.match(KEYS[1], '^[^{]*{[^}]*}') or KEYS[1]) .. ':run:' .. run_id_
            local first_run_ = redis.call('GET', run_key_)
            if first_run_ then return first_run_ end
            local run_result_ = (function()
            """;
    private static final String ONCE_TAIL = """

            end)()
            if type(run_result_) == 'string' then redis.call('SET', run_key_, run_result_, 'PX', %d) end
            return run_result_
            """.formatted(RUN_KEEP_MS);

    /** Loads a state-changing {@code resource} (relative to {@code owner}'s package) behind the library. */
    public static LuaScript load(Class<?> owner, String resource) {
        return of(resource, library() + ONCE_HEAD + read(owner, resource) + ONCE_TAIL, true);
    }

    /** Loads a read-only {@code resource} behind the library, without the exactly-once wrapper. */
    public static LuaScript reader(Class<?> owner, String resource) {
        return of(resource, library() + read(owner, resource), false);
    }

    /** Loads a state-changing {@code resource} without the branch library (scripts whose keys are not a branch's). */
    public static LuaScript standalone(Class<?> owner, String resource) {
        return of(resource, ONCE_HEAD + read(owner, resource) + ONCE_TAIL, true);
    }

    private static LuaScript of(String resource, String text, boolean once) {
        return new LuaScript(resource, text, sha1(text), once);
    }

    private static String library() {
        StringBuilder body = new StringBuilder();
        for (String lib : LIBRARY) {
            body.append(read(LuaScript.class, lib)).append('\n');
        }
        return body.toString();
    }

    private static String read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource + " next to " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
