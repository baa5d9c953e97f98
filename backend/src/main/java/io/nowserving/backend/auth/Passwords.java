package io.nowserving.backend.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.ErrorCode;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Password hashing with Argon2id (password4j): {@code costMiB} of memory, 2 passes, 1 lane. The stored PHC string
 * carries its parameters, so hashes made at another cost still verify. At most {@link #permits()} hashes run at
 * once (each holds {@code costMiB} of memory), so a flood of logins queues instead of exhausting the heap.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    private static final long WAIT_SECONDS = 10;

    private final Argon2Function argon2;
    private final Semaphore permits;
    private final String dummy;

    public Passwords(int costMiB) {
        this.argon2 = Argon2Function.getInstance(costMiB * 1024, 2, 1, 32, Argon2.ID);
        this.permits = new Semaphore(Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 256 / costMiB)));
        // verified against when the account does not exist, so that its absence takes as long as a wrong password
        this.dummy = Password.hash("not a password of anyone").addRandomSalt(16).with(argon2).getResult();
    }

    public int permits() {
        return permits.availablePermits();
    }

    /** Refuses passwords too short to resist guessing or too long to hash cheaply. */
    public static void checkPolicy(String password, String field) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw Refusal.invalid("field '" + field + "' must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw Refusal.invalid("field '" + field + "' may have at most " + MAX_LENGTH + " characters");
        }
    }

    public String hash(String password) {
        return limited(() -> Password.hash(password).addRandomSalt(16).with(argon2).getResult());
    }

    /** True when {@code password} matches {@code hash}; a null hash (no such user) costs the same and fails. */
    public boolean verify(String password, String hash) {
        String against = hash == null ? dummy : hash;
        boolean ok = limited(() -> Password.check(password, against).with(Argon2Function.getInstanceFromHash(against)));
        return ok && hash != null;
    }

    private <T> T limited(java.util.function.Supplier<T> work) {
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Refusal(ErrorCode.UNAVAILABLE, "too many sign-ins at once; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(ErrorCode.UNAVAILABLE, "interrupted; retry");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
