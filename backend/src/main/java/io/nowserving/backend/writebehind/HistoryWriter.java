package io.nowserving.backend.writebehind;

import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.redis.GroupStreams;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.DatabaseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step at a time, the write-behind of this instance: every instance runs one, only the leaseholder writes.
 * A step either tries to take the lease (floor: SQL's fence), or, while leading, writes entries left pending
 * first (after taking over, after a failure, when idle, and at least every TTL), else the next batch of new
 * entries of every followed stream: one SQL transaction, XACK after commit. A fenced or lost lease stops writing
 * at once; the entries stay pending for the next leader. {@link WriteBehind} runs the steps on its threads.
 */
final class HistoryWriter {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    /** The consumer group of the history writer on each stream it follows. */
    static final String GROUP = "history";
    static final int BATCH = 500;
    private static final long BRANCH_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GroupStreams streams;
    private final WriterLease lease;
    private final HistoryRepository repository;
    private final Supplier<List<BranchConfig>> branches;
    private final RedisKeys keys;
    private final WriteBehindStatus status;
    private final Clock clock;
    private final LongSupplier nanos;
    private final long ttlNanos;
    private final long blockMs;
    /** stream key → branch, for events and token streams alike. */
    private final Map<String, String> eventStreams = new ConcurrentHashMap<>();
    private final Map<String, String> tokenStreams = new ConcurrentHashMap<>();
    private final Map<String, BusinessDays> days = new ConcurrentHashMap<>();
    private long branchesRefreshed = Long.MIN_VALUE / 2;
    private long lastSweep;
    private boolean sweepDue = true;
    private boolean leading;

    HistoryWriter(RedisCommands<String, String> blockingRedis, WriterLease lease, HistoryRepository repository,
                  Supplier<List<BranchConfig>> branches, RedisKeys keys, WriteBehindStatus status, Clock clock,
                  LongSupplier nanos, long ttlMs) {
        this.streams = GroupStreams.fromStart(blockingRedis, GROUP, lease.holder());
        this.lease = lease;
        this.repository = repository;
        this.branches = branches;
        this.keys = keys;
        this.status = status;
        this.clock = clock;
        this.nanos = nanos;
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMs);
        this.blockMs = Math.max(50, Math.min(500, ttlMs / 3));
    }

    /** One step; returns true when it did something worth another step at once (false: wait before retrying). */
    boolean step() {
        if (!lease.isHeld()) {
            if (leading) {
                leading = false;
                status.notLeader();
                log.warn("history writer lost the lease; writing stopped");
            }
            return acquire();
        }
        refreshBranches(false);
        if (eventStreams.isEmpty()) {
            return false;
        }
        try {
            return lead();
        } catch (RedisException e) {
            if (!GroupStreams.isNoGroup(e)) {
                throw e;
            }
            log.warn("history consumer group missing (Redis wiped or restored?); creating it again");
            refreshBranches(true);
            return true;
        }
    }

    private boolean lead() {
        if (sweepDue || nanos.getAsLong() - lastSweep > ttlNanos) {
            if (sweepPending()) {
                return true;
            }
        }
        List<StreamMessage<String, String>> fresh = streams.readNew(allStreams(), BATCH, blockMs);
        if (fresh.isEmpty()) {
            sweepDue = true;
            return true;
        }
        write(fresh, Map.of());
        return true;
    }

    private boolean acquire() {
        if (!lease.tryAcquire(repository.fenceToken())) {
            status.leaderSeen(false);
            return false;
        }
        if (!repository.claimFence(lease.token())) {
            lease.lose();
            status.fenced();
            return false;
        }
        leading = true;
        sweepDue = true;
        status.leaderSeen(true);
        refreshBranches(true);
        log.info("history writer took the lease with fencing token {}", lease.token());
        return true;
    }

    private boolean sweepPending() {
        Map<String, List<String>> gone = new LinkedHashMap<>();
        List<StreamMessage<String, String>> pending = streams.claimPending(allStreams(), gone);
        lastSweep = nanos.getAsLong();
        if (!gone.isEmpty()) {
            gone.forEach((key, ids) -> {
                log.error("{} pending entr(ies) of {} are gone from the stream (trimmed before commit?)",
                        ids.size(), key);
                status.alarm();
            });
        }
        if (pending.isEmpty() && gone.isEmpty()) {
            sweepDue = false;
            int forgotten = streams.forgetIdleConsumers(allStreams());
            if (forgotten > 0) {
                log.info("history writer removed {} idle consumer(s) of former leaders from the groups", forgotten);
            }
            return false;
        }
        if (write(pending, gone)) {
            sweepDue = false;
        }
        return true;
    }

    /** Writes the entries in one transaction and acknowledges them; false when nothing could be written. */
    private boolean write(List<StreamMessage<String, String>> messages, Map<String, List<String>> gone) {
        List<StreamEvent> events = new ArrayList<>();
        List<TokenRotation> rotations = new ArrayList<>();
        Map<String, List<String>> acks = new LinkedHashMap<>(gone);
        for (StreamMessage<String, String> m : messages) {
            acks.computeIfAbsent(m.getStream(), k -> new ArrayList<>()).add(m.getId());
            String branch = eventStreams.get(m.getStream());
            try {
                if (branch != null) {
                    events.add(StreamEvent.parse(branch, m.getId(), m.getBody()));
                } else if (tokenStreams.containsKey(m.getStream())) {
                    rotations.add(TokenRotation.parse(tokenStreams.get(m.getStream()), m.getId(), m.getBody()));
                }
            } catch (IllegalArgumentException e) {
                log.error("unreadable stream entry {} of {} acknowledged unwritten: {}", m.getId(), m.getStream(),
                        e.getMessage());
                status.alarm();
            }
        }
        if (!lease.isHeld()) {
            return false;
        }
        HistoryRepository.Outcome outcome;
        try {
            outcome = repository.write(lease.token(), events, rotations, this::daysOf);
        } catch (DatabaseException e) {
            status.sqlFailed(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            sweepDue = true;
            throw e;
        }
        if (outcome.fenced()) {
            lease.lose();
            status.fenced();
            leading = false;
            log.warn("history writer fenced out by a newer leader; writing stopped");
            return false;
        }
        acks.forEach(streams::ack);
        for (BatchWrite.Alarm a : outcome.alarms()) {
            log.error("history alarm: branch {} epoch {} seq {} arrived again with a different payload"
                    + " (recorded in history_alarms)", a.branch(), a.epoch(), a.seq());
        }
        status.committed(events, clock.millis(), outcome.duplicates(), outcome.alarms().size());
        return true;
    }

    private BusinessDays daysOf(String branch) {
        BusinessDays d = days.get(branch);
        if (d == null) {
            refreshBranches(true);
            d = days.get(branch);
        }
        return d;
    }

    private void refreshBranches(boolean force) {
        long now = nanos.getAsLong();
        if (!force && now - branchesRefreshed < BRANCH_REFRESH_NANOS) {
            return;
        }
        for (BranchConfig b : branches.get()) {
            days.put(b.id(), BusinessDays.of(b));
            String ev = keys.events(b.id());
            String tk = keys.tokens(b.id());
            if (force || !eventStreams.containsKey(ev)) {
                streams.ensureGroup(ev);
                streams.ensureGroup(tk);
                eventStreams.put(ev, b.id());
                tokenStreams.put(tk, b.id());
            }
        }
        branchesRefreshed = now;
    }

    private List<String> allStreams() {
        List<String> all = new ArrayList<>(eventStreams.keySet());
        all.addAll(tokenStreams.keySet());
        return all;
    }

    WriterLease lease() {
        return lease;
    }
}
