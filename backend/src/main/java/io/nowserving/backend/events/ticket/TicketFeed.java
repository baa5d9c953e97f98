package io.nowserving.backend.events.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.events.FeedEvent;
import io.nowserving.backend.events.FeedSink;
import io.nowserving.backend.events.LiveFeed;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.Ticket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket feeds of this instance, grouped by branch. Each branch with watchers is one sink of the branch
 * hub; after any event of the branch, the positions of all its watched tickets are read in one script call
 * (positions.lua), coalesced: at most one read runs and one waits per branch, however many events arrive.
 */
public final class TicketFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TicketFeed.class);
    static final LuaScript POSITIONS = LuaScript.reader(TicketFeed.class, "positions.lua");

    private final LiveFeed feed;
    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final Map<String, Branch> branches = new HashMap<>(); // guarded by itself
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ns-ticket-positions");
        t.setDaemon(true);
        return t;
    });

    public TicketFeed(LiveFeed feed, ScriptRunner scripts, RedisKeys keys, ObjectMapper json) {
        this.feed = feed;
        this.scripts = scripts;
        this.keys = keys;
        this.json = json;
    }

    /** Follows the watcher's ticket until its connection ends. */
    public void watch(String branch, TicketWatcher watcher) {
        Branch b;
        synchronized (branches) {
            b = branches.computeIfAbsent(branch, Branch::new);
            b.watchers.add(watcher);
            if (b.watchers.size() == 1) {
                feed.addSink(branch, b);
            }
        }
        watcher.connection().onEnd(() -> unwatch(b, watcher));
        b.recomputeSoon(); // whatever happened since the first frame was read
    }

    private void unwatch(Branch b, TicketWatcher watcher) {
        synchronized (branches) {
            b.watchers.remove(watcher);
            if (b.watchers.isEmpty() && branches.remove(b.id, b)) {
                feed.removeSink(b.id, b);
            }
        }
    }

    @Override
    public void close() {
        reads.shutdownNow();
    }

    private final class Branch implements FeedSink {
        private final String id;
        private final Set<TicketWatcher> watchers = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean queued = new AtomicBoolean();

        Branch(String id) {
            this.id = id;
        }

        @Override
        public void event(FeedEvent e) {
            String ticket = e.ticketId();
            for (TicketWatcher w : watchers) {
                if (w.ticketId().equals(ticket)) {
                    w.onEvent(e);
                }
            }
            recomputeSoon();
        }

        @Override
        public void reset(BranchSnapshot snapshot, byte[] frame) {
            recomputeSoon();
        }

        @Override
        public void added() {
            recomputeSoon();
        }

        void recomputeSoon() {
            if (queued.compareAndSet(false, true)) {
                try {
                    reads.execute(this::recompute);
                } catch (RejectedExecutionException e) {
                    queued.set(false);
                }
            }
        }

        private void recompute() {
            queued.set(false);
            List<TicketWatcher> all = List.copyOf(watchers);
            if (all.isEmpty()) {
                return;
            }
            String[] ids = all.stream().map(TicketWatcher::ticketId).distinct().toArray(String[]::new);
            try {
                JsonNode answer = json.readTree(scripts.run(POSITIONS, keys.cfg(id), ids));
                long seq = answer.path("seq").asLong();
                Map<String, Ticket> views = new HashMap<>();
                for (JsonNode v : answer.path("tickets")) {
                    if (v.isObject()) {
                        Ticket t = json.treeToValue(v, Ticket.class);
                        views.put(t.id(), t);
                    }
                }
                for (TicketWatcher w : all) {
                    Ticket view = views.get(w.ticketId());
                    if (view != null) {
                        w.update(view, seq);
                    }
                }
            } catch (JsonProcessingException | RuntimeException e) {
                log.debug("ticket positions of branch {} not read this time: {}", id, e.toString());
            }
        }
    }
}
