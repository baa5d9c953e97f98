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
 * the SHA-1 that EVALSHA names it by.
 */
public record LuaScript(String name, String body, String sha) {

    /** The library files, in order, prepended to every script. */
    static final List<String> LIBRARY = List.of("lib/core.lua", "lib/queue.lua");

    /** Loads {@code resource} (relative to {@code owner}'s package) behind the library. */
    public static LuaScript load(Class<?> owner, String resource) {
        StringBuilder body = new StringBuilder();
        for (String lib : LIBRARY) {
            body.append(read(LuaScript.class, lib)).append('\n');
        }
        body.append(read(owner, resource));
        String text = body.toString();
        return new LuaScript(resource, text, sha1(text));
    }

    /** Loads {@code resource} alone, without the branch library (scripts whose keys are not a branch's). */
    public static LuaScript standalone(Class<?> owner, String resource) {
        String text = read(owner, resource);
        return new LuaScript(resource, text, sha1(text));
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
