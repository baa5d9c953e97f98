package io.nowserving.backend.client;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingException;
import io.nowserving.shared.events.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records what a feed delivered, as {@code snapshot <epoch>.<seq>} or {@code <type> <epoch>.<seq>}. */
final class RecordingListener implements FeedListener {
    private final List<String> delivered = new ArrayList<>();
    private final List<String> connectivity = new ArrayList<>();

    @Override
    public synchronized void onSnapshot(BranchSnapshot s) {
        delivered.add("snapshot " + s.epoch() + "." + s.seq());
        notifyAll();
    }

    @Override
    public synchronized void onEvent(Event e) {
        delivered.add(e.type() + " " + e.epoch() + "." + e.seq());
        notifyAll();
    }

    @Override
    public synchronized void onOffline(Instant since) {
        connectivity.add("offline");
        notifyAll();
    }

    @Override
    public synchronized void onOnline() {
        connectivity.add("online");
        notifyAll();
    }

    @Override
    public synchronized void onFailure(NowServingException failure) {
        connectivity.add("failed " + failure.code());
        notifyAll();
    }

    synchronized List<String> delivered() {
        return List.copyOf(delivered);
    }

    synchronized List<String> connectivity() {
        return List.copyOf(connectivity);
    }

    /** Waits until the delivered list satisfies {@code p}; fails after {@code timeout}. */
    synchronized void await(Predicate<List<String>> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!p.test(delivered)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("not delivered within " + timeout + ": " + delivered + " " + connectivity);
            }
            wait(left);
        }
    }

    synchronized void awaitConnectivity(String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connectivity.contains(state)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("never " + state + " within " + timeout + ": " + connectivity);
            }
            wait(left);
        }
    }

    /** Each event follows its predecessor in the same epoch; only a snapshot may start elsewhere. */
    static void assertInOrder(List<String> delivered) {
        String epoch = null;
        long seq = -1;
        for (String d : delivered) {
            String id = d.substring(d.indexOf(' ') + 1);
            String e = id.substring(0, id.indexOf('.'));
            long s = Long.parseLong(id.substring(id.indexOf('.') + 1));
            if (!d.startsWith("snapshot") && (!e.equals(epoch) || s != seq + 1)) {
                throw new AssertionError("out of order at " + d + ": " + delivered);
            }
            epoch = e;
            seq = s;
        }
    }
}
