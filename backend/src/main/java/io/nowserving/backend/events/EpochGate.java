package io.nowserving.backend.events;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Holds back every script (every state change) from the moment a Redis connection drops until the epoch rule
 * has run on the reconnected Redis. Without it a request could slip in between the reconnect and the check and
 * emit an event under an {@code <epoch>.<seq>} that the lost tail had already used. A script waiting longer than
 * the wait limit fails as Redis unavailable (503, retry).
 */
public final class EpochGate {
    private final long waitMs;
    private boolean open = true; // guarded by this

    public EpochGate(long waitMs) {
        this.waitMs = waitMs;
    }

    public synchronized void close() {
        open = false;
    }

    public synchronized void open() {
        open = true;
        notifyAll();
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /** Null when open, else the readiness problem. */
    public String problem() {
        return isOpen() ? null : "checking the event sequence after a Redis reconnect";
    }

    /** The same commands, with EVAL and EVALSHA waiting for the gate. */
    @SuppressWarnings("unchecked")
    public RedisCommands<String, String> guard(RedisCommands<String, String> inner) {
        return (RedisCommands<String, String>) Proxy.newProxyInstance(RedisCommands.class.getClassLoader(),
                new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("eval")) {
                        await(inner);
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Waits while the gate is closed, and while the connection is down even before the gate learnt it (a script
     * written while disconnected would be buffered and sent on reconnecting, before the epoch check).
     */
    private synchronized void await(RedisCommands<String, String> inner) throws InterruptedException {
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        while (!open || !inner.getStatefulConnection().isOpen()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new RedisException("the event sequence is being checked after a Redis reconnect");
            }
            wait(open ? Math.min(left, 20) : left);
        }
    }
}
