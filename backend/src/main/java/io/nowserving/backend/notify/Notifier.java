package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nowserving.backend.redis.GroupStreams;
import io.nowserving.backend.redis.RedisKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification dispatcher of one instance, two loops on connections of their own: {@code ns-notify-derive}
 * reads every branch's event stream in consumer group {@code notify} (each event to one instance), derives the
 * notifications ({@link Deriver}) and queues each at most once ({@link Outbox#offer}); {@code ns-notify-send}
 * reads the outbox in group {@code send} and sends ({@link Sender}) unless an admin paused sending. Entries a
 * dead instance left unacknowledged are claimed by another after a while (events 30 s, sends 5 min: a send may wait
 * out LINE's Retry-After for a while, and its retry key makes a second send harmless anyway).
 */
public final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    static final String DERIVE_GROUP = "notify";
    static final String SEND_GROUP = "send";
    private static final long EVENT_CLAIM_MS = 30_000;
    private static final long SEND_CLAIM_MS = 300_000;

    private final RedisKeys keys;
    private final Supplier<List<String>> branches;
    private final Deriver deriver;
    private final Outbox outbox;
    private final Sender sender;
    private final ObjectMapper json;
    private final StatefulRedisConnection<String, String> deriveConnection;
    private final StatefulRedisConnection<String, String> sendConnection;
    private final GroupStreams events;
    private final GroupStreams sends;
    private final Map<String, String> streams = new ConcurrentHashMap<>();
    private final ExecutorService loops = Executors.newFixedThreadPool(2, new java.util.concurrent.ThreadFactory() {
        private int n;

        @Override
        public synchronized Thread newThread(Runnable r) {
            Thread t = new Thread(r, n++ == 0 ? "ns-notify-derive" : "ns-notify-send");
            t.setDaemon(true);
            return t;
        }
    });
    private volatile boolean running = true;
    private long branchesRead;

    Notifier(RedisClient client, RedisKeys keys, Supplier<List<String>> branches, Deriver deriver, Outbox outbox,
             Sender sender, ObjectMapper json, String consumer) {
        this.keys = keys;
        this.branches = branches;
        this.deriver = deriver;
        this.outbox = outbox;
        this.sender = sender;
        this.json = json;
        this.deriveConnection = client.connect();
        this.sendConnection = client.connect();
        this.events = GroupStreams.fromEnd(deriveConnection.sync(), DERIVE_GROUP, consumer);
        this.sends = GroupStreams.fromEnd(sendConnection.sync(), SEND_GROUP, consumer);
    }

    public void start() {
        refreshBranches(true);
        sends.ensureGroup(keys.outbox());
        loops.execute(() -> loop("deriving notifications", this::deriveStep));
        loops.execute(() -> loop("sending notifications", this::sendStep));
    }

    private interface Step {
        void run() throws InterruptedException;
    }

    private void loop(String what, Step step) {
        long logged = 0;
        while (running) {
            try {
                step.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (GroupStreams.isNoGroup(e)) {
                    refreshBranches(true); // Redis wiped or restored: the groups are made again
                    sends.ensureGroup(keys.outbox());
                } else if (System.nanoTime() - logged > TimeUnit.SECONDS.toNanos(10)) {
                    log.warn("{} failed, retrying: {}", what, e.toString());
                    logged = System.nanoTime();
                }
                pause(1000);
            }
        }
    }

    private void deriveStep() {
        refreshBranches(false);
        if (streams.isEmpty()) {
            pause(500);
            return;
        }
        List<StreamMessage<String, String>> batch = new ArrayList<>();
        for (String key : streams.keySet()) {
            batch.addAll(events.claimStale(key, EVENT_CLAIM_MS, 100));
        }
        if (batch.isEmpty()) {
            batch = events.readNew(streams.keySet(), 100, 500);
        }
        for (StreamMessage<String, String> m : batch) {
            String branch = streams.get(m.getStream());
            String envelope = m.getBody().get("e");
            if (branch != null && envelope != null) {
                for (Notification n : deriver.derive(branch, parse(envelope))) {
                    outbox.offer(n);
                }
            }
            events.ack(m.getStream(), m.getId());
        }
    }

    private void sendStep() throws InterruptedException {
        if (outbox.paused()) {
            pause(250);
            return;
        }
        List<StreamMessage<String, String>> batch = sends.claimStale(keys.outbox(), SEND_CLAIM_MS, 10);
        if (batch.isEmpty()) {
            batch = sends.readNew(List.of(keys.outbox()), 1, 500);
        }
        for (StreamMessage<String, String> m : batch) {
            while (outbox.paused() && running) {
                pause(250); // paused while this batch was read: it waits here, unsent and unacknowledged
            }
            if (!running) {
                return;
            }
            sender.send(m.getBody());
            sends.ack(keys.outbox(), m.getId());
            sendConnection.sync().xdel(keys.outbox(), m.getId());
        }
    }

    private JsonNode parse(String envelope) {
        try {
            return json.readTree(envelope);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private void refreshBranches(boolean force) {
        long now = System.nanoTime();
        if (!force && now - branchesRead < TimeUnit.SECONDS.toNanos(5)) {
            return;
        }
        for (String b : branches.get()) {
            String key = keys.events(b);
            if (force || !streams.containsKey(key)) {
                events.ensureGroup(key);
                streams.put(key, b);
            }
        }
        branchesRead = now;
    }

    private void pause(long ms) {
        synchronized (this) {
            if (running) {
                try {
                    wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        loops.shutdownNow();
        try {
            loops.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deriveConnection.close();
        sendConnection.close();
    }
}
