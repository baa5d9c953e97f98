package io.nowserving.backend.events;

import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.ErrorCode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open feed connections (branch and ticket feeds) per client address on this instance, at most
 * {@code NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS}; one more is 429 {@code rate_limited}. IPv6 addresses count per
 * /64, the block one subscriber usually holds.
 */
public final class FeedConnections {
    static final long RETRY_AFTER_SECONDS = 5;

    private final int perAddress;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public FeedConnections(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("feed connections per address must be at least 1");
        }
        this.perAddress = perAddress;
    }

    /** Counts one more feed of {@code address}; the answer releases it (once, however often it runs). */
    public Runnable admit(String address) {
        String group = group(address);
        boolean[] admitted = {false};
        open.compute(group, (g, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perAddress) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            throw new Refusal(ErrorCode.RATE_LIMITED, "too many open feeds from this address; retry in "
                    + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(group, (g, n) -> n <= 1 ? null : n - 1);
            }
        };
    }

    /** Feeds open from {@code address}'s group (tests). */
    int openFrom(String address) {
        return open.getOrDefault(group(address), 0);
    }

    static String group(String address) {
        return io.nowserving.backend.web.ClientAddress.block(address);
    }

}
