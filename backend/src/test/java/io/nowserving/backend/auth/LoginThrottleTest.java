package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.MutableClock;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login back-off per (account, client address) and the lock per address, with time moved by the backend's
 * clock (no sleeping). Addresses come from X-Forwarded-For because the test talks through a trusted proxy.
 */
class LoginThrottleTest {
    private static final String XFF = "X-Forwarded-For";
    private static final String ATTACKER = "198.51.100.7";
    private static final String COUNTER_PC = "198.51.100.20";

    @Test
    void failuresBackOffExponentiallyPerAccountAndAddressOnly(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_TRUSTED_PROXIES", "127.0.0.1,::1"), clock,
                TestBranches.branch("lt", 1, null))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("invalid_credentials", backend.login("clerk", "wrong-password", XFF, ATTACKER).code(),
                        "the first failures cost nothing");
            }
            assertEquals("invalid_credentials", backend.login("clerk", "wrong-password", XFF, ATTACKER).code());
            Reply waiting = backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, ATTACKER);
            assertEquals(429, waiting.status());
            assertEquals("too_many_attempts", waiting.code());
            assertEquals("1", waiting.header("Retry-After"), "one second after the fourth failure");

            assertEquals(200, backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, COUNTER_PC).status(),
                    "the clerk at another address is not locked out");

            clock.advance(Duration.ofSeconds(1));
            assertEquals("invalid_credentials", backend.login("clerk", "wrong-again", XFF, ATTACKER).code());
            assertEquals("2", backend.login("clerk", "x-wrong-password", XFF, ATTACKER).header("Retry-After"),
                    "the wait doubles");
            clock.advance(Duration.ofSeconds(2));
            assertEquals("invalid_credentials", backend.login("clerk", "wrong-again", XFF, ATTACKER).code());
            assertEquals("4", backend.login("clerk", "x-wrong-password", XFF, ATTACKER).header("Retry-After"));
            clock.advance(Duration.ofSeconds(4));
            assertEquals(200, backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, ATTACKER).status(),
                    "after the wait the right password works and clears the back-off");
            assertEquals("invalid_credentials", backend.login("clerk", "wrong-password", XFF, ATTACKER).code(),
                    "and the count starts over");
        }
    }

    @Test
    void parallelGuessesAreCountedBeforeAnyIsAnswered(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_TRUSTED_PROXIES", "127.0.0.1,::1"),
                TestBranches.branch("lt4", 1, null))) {
            int guesses = 20;
            ExecutorService pool = Executors.newFixedThreadPool(guesses);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "wrong-password-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return backend.login("clerk", guess, XFF, ATTACKER);
                }));
            }
            go.countDown();
            Map<String, Integer> codes = new TreeMap<>();
            for (Future<Reply> a : answers) {
                codes.merge(a.get(60, TimeUnit.SECONDS).code(), 1, Integer::sum);
            }
            pool.shutdown();
            // as one after another: three free failures, the fourth attempt starts the first wait, the rest wait
            assertEquals(Map.of("invalid_credentials", 4, "too_many_attempts", guesses - 4), codes);
            assertEquals(200, backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, COUNTER_PC).status(),
                    "the clerk at another address is not locked out");
        }
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedWithoutLockingAnyoneElse(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_TRUSTED_PROXIES", "127.0.0.1,::1"), clock,
                TestBranches.branch("lt2", 1, null))) {
            Reply last = null;
            for (int i = 0; i < 50; i++) {
                last = backend.login("someone" + i, "guessed-password", XFF, ATTACKER);
            }
            assertEquals("invalid_credentials", last.code(), "the 50th attempt is still answered");
            Reply locked = backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, ATTACKER);
            assertEquals("too_many_attempts", locked.code(), "then the address is locked, for every account");
            assertEquals("900", locked.header("Retry-After"));
            assertEquals(200, backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, COUNTER_PC).status());
            assertEquals(200, backend.login("clerk", TestBackend.CLERK_PASSWORD).status(), "nor the proxy itself");
            clock.advance(Duration.ofMinutes(15));
            assertEquals(200, backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, ATTACKER).status());
        }
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("lt3", 1, null))) {
            for (int i = 0; i < 4; i++) {
                backend.login("clerk", "wrong-password", XFF, "203.0.113." + i);
            }
            assertTrue(backend.login("clerk", TestBackend.CLERK_PASSWORD, XFF, "203.0.113.99").status() == 429,
                    "a spoofed header does not give an attacker a fresh address");
        }
    }
}
