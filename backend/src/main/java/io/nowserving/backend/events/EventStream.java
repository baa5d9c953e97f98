package io.nowserving.backend.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.events.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * The feeds' reads of a branch's event sequence: where it stands (epoch and seq together), a range of the stream
 * (field {@code e} only, never the private {@code p}), and the snapshot. Every seq read is reported to the
 * {@link EpochGuard}, which remembers the highest one for the epoch rule.
 */
public final class EventStream {
    static final LuaScript HEAD = LuaScript.reader(EventStream.class, "head.lua");
    private static final int PAGE = 1000;

    /** Where a branch's sequence stands; {@code epoch} is null for a branch Redis does not know. */
    public record Head(String epoch, long seq) {
    }

    private final ScriptRunner scripts;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final QueueService queue;
    private final ObjectMapper json;
    private final EpochGuard guard;
    private volatile PublicFrame lastPublicFrame;

    public EventStream(ScriptRunner scripts, RedisCommands<String, String> redis, RedisKeys keys, QueueService queue,
                       ObjectMapper json, EpochGuard guard) {
        this.scripts = scripts;
        this.redis = redis;
        this.keys = keys;
        this.queue = queue;
        this.json = json;
        this.guard = guard;
    }

    public Head head(String branch) {
        try {
            JsonNode h = json.readTree(scripts.run(HEAD, keys.cfg(branch)));
            long seq = h.path("seq").asLong();
            guard.record(branch, seq);
            return new Head(h.path("epoch").asText(null), seq);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("head.lua answered malformed JSON", e);
        }
    }

    /** The events with seq {@code from..to} (inclusive) the stream still holds, in order. */
    public List<FeedEvent> range(String branch, long from, long to) {
        List<FeedEvent> out = new ArrayList<>();
        long next = from;
        while (next <= to) {
            List<StreamMessage<String, String>> page = redis.xrange(keys.events(branch),
                    Range.create(next + "-0", to + "-0"), Limit.create(0, PAGE));
            for (StreamMessage<String, String> m : page) {
                FeedEvent e = FeedEvent.parse(json, m.getBody().get("e"));
                guard.record(branch, e.seq());
                out.add(e);
            }
            if (page.size() < PAGE) {
                break;
            }
            next = out.get(out.size() - 1).seq() + 1;
        }
        return out;
    }

    /** The branch's snapshot (the body of GET /api/v1/branches/{b}), read atomically with its epoch and seq. */
    public BranchSnapshot snapshot(String branch) {
        BranchSnapshot s = queue.snapshot(branch);
        guard.record(branch, s.seq());
        return s;
    }

    /** The snapshot as an SSE frame, id {@code <epoch>.<seq>}, so a client resumes right after it. */
    public byte[] snapshotFrame(BranchSnapshot s) {
        try {
            return SseFrames.event(s.epoch() + "." + s.seq(), EventType.SNAPSHOT, json.writeValueAsString(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The snapshot as an SSE frame without staff identity ({@link BranchSnapshot#publicView}), for public clients;
     * the last one is kept, so a reset of every client of a branch serializes it once.
     */
    public byte[] publicSnapshotFrame(BranchSnapshot s) {
        PublicFrame last = lastPublicFrame;
        if (last != null && last.snapshot() == s) {
            return last.frame();
        }
        byte[] frame = snapshotFrame(s.publicView());
        lastPublicFrame = new PublicFrame(s, frame);
        return frame;
    }

    private record PublicFrame(BranchSnapshot snapshot, byte[] frame) {
    }

    public FeedEvent parse(String envelopeJson) {
        return FeedEvent.parse(json, envelopeJson);
    }
}
