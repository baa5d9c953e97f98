package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.testing.MutableClock;
import io.nowserving.backend.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis runs without eviction, so failed logins must not make keys without bound: one client address trying
 * thousands of made-up account names holds only a capped number of keys, also when it signs in successfully
 * with an account of its own between the failures and when it waits out every lock.
 */
class LoginKeysCapTest {
    private static final String ATTACKER = "198.51.100.7";
    private static final String OFFICE = "198.51.100.20";

    /** The defaults but a cap of 20 accounts, reached before the address's failure count locks it. */
    private static final LoginThrottle.Limits SMALL_CAP = new LoginThrottle.Limits(3, Duration.ofSeconds(1),
            Duration.ofMinutes(15), 1000, Duration.ofMinutes(15), 20);

    private RedisConnection redis;
    private String prefix;
    private MutableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void connect() {
        redis = RedisConnection.connect(TestRedis.url());
        prefix = TestRedis.randomPrefix();
        clock = new MutableClock();
        throttle = throttle(LoginThrottle.Limits.DEFAULT);
    }

    private LoginThrottle throttle(LoginThrottle.Limits limits) {
        RedisKeys keys = new RedisKeys(prefix);
        return new LoginThrottle(redis.sync(), keys, new AddressHashes(redis.sync(), keys, new Ids(clock)), clock,
                limits);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Test
    void tenThousandRandomNamesFromOneAddressLeaveABoundedNumberOfKeys() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4); // four at a time: the run is bound by round trips
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Random random = new Random(13 + t);
            runs.add(pool.submit(() -> {
                for (int i = 0; i < 2_500; i++) {
                    if (!admitted("guess-" + Long.toHexString(random.nextLong()))) {
                        refused.incrementAndGet();
                    }
                    if (i % 10 == 0 && admitted("own-account")) { // its own account, signed in between guesses
                        throttle.succeeded("own-account", ATTACKER);
                    }
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(refused.get() > 0, "the address was locked");
        long keys = countKeys();
        int cap = LoginThrottle.Limits.DEFAULT.accountsPerAddress();
        // besides the exactly-once wrapper's results, which expire within a minute (LuaScript.RUN_KEEP_MS)
        // the pair keys, the address's count, its pair-key count, the address pepper
        assertTrue(keys <= cap + 3, keys + " keys for one address, cap " + cap);
        assertTrue(keys >= cap, "the cap is reached, not something smaller: " + keys);
    }

    @Test
    void anAddressAtTheCapIsLockedWhileOthersAndItsKnownAccountsAreNot() {
        throttle = throttle(SMALL_CAP);
        int cap = SMALL_CAP.accountsPerAddress();
        for (int i = 0; i < cap; i++) {
            throttle.attempt("name-" + i, ATTACKER);
        }
        Refusal locked = assertThrows(Refusal.class, () -> throttle.attempt("one-more", ATTACKER));
        assertEquals(SMALL_CAP.window().toSeconds(), locked.retryAfterSeconds(), "locked for the window");
        throttle.attempt("one-more", OFFICE); // another address is not affected

        clock.advance(SMALL_CAP.window());
        throttle.attempt("name-0", ATTACKER); // an account it already holds a key for still works after the lock
        throttle.succeeded("name-0", ATTACKER);
        throttle.attempt("another", ATTACKER); // and its success made room for one account
        assertThrows(Refusal.class, () -> throttle.attempt("and-another", ATTACKER));
    }

    @Test
    void clerksSigningInFromOneAddressNeverReachTheCap() {
        throttle = throttle(SMALL_CAP);
        int cap = SMALL_CAP.accountsPerAddress();
        for (int i = 0; i < cap * 5; i++) {
            throttle.attempt("clerk-" + i, OFFICE);
            throttle.succeeded("clerk-" + i, OFFICE);
        }
        clock.advance(Duration.ofMinutes(1));
        throttle.attempt("late-clerk", OFFICE);
    }

    /** One attempt from the attacker's address; a refused one waits out the lock (the clock moves). */
    private boolean admitted(String username) {
        try {
            throttle.attempt(username, ATTACKER);
            return true;
        } catch (Refusal locked) {
            clock.advance(Duration.ofSeconds(locked.retryAfterSeconds()));
            return false;
        }
    }

    /** The keys under the test's prefix but the scripts' run results, which are checked to expire soon. */
    private long countKeys() {
        ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        long n = 0;
        KeyScanCursor<String> cursor = redis.sync().scan(args);
        while (true) {
            for (String key : cursor.getKeys()) {
                if (key.contains(":run:")) {
                    long ttl = redis.sync().pttl(key);
                    assertTrue(ttl > 0 && ttl <= 60_000, key + " expires within a minute: " + ttl);
                } else {
                    n++;
                }
            }
            if (cursor.isFinished()) {
                return n;
            }
            cursor = redis.sync().scan(cursor, args);
        }
    }
}
