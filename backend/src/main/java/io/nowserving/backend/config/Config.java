package io.nowserving.backend.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.web.JsonBodies;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Branch configuration, wired: SQL is the source of truth ({@link ConfigRepository}, seeded with the demo branch
 * when asked and empty), mirrored into Redis ({@link ConfigMirror}, which follows other instances' changes until
 * closed). {@link #open} reads SQL only; {@link #mirror} starts the mirror, after the epoch check.
 */
public final class Config implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Config.class);

    private final ConfigRepository repository;
    private ConfigMirror mirror;
    private ConfigService service;

    private Config(ConfigRepository repository) {
        this.repository = repository;
    }

    public static Config open(DataSource db, boolean seedDemo) {
        ConfigRepository repository = new ConfigRepository(db);
        if (seedDemo && DemoSeed.seedIfEmpty(repository)) {
            log.info("seeded the demo branch 'main' into an empty database");
        }
        return new Config(repository);
    }

    /** Mirrors every branch into Redis and keeps following changes; {@code committedSeq} is SQL's per branch. */
    public ConfigMirror mirror(ScriptRunner scripts, RedisKeys keys, Ids ids, ObjectMapper json, Clock clock,
                               ToLongFunction<String> committedSeq) {
        ConfigMirror m = new ConfigMirror(repository, scripts, keys, ids, json, clock, committedSeq);
        m.mirrorAll();
        m.start();
        mirror = m;
        return m;
    }

    /** Configuration changes as the routes make them; {@code afterRemoval} learns of each removed branch. */
    public ConfigService service(ScriptRunner scripts, RedisKeys keys, Consumer<String> afterRemoval) {
        service = new ConfigService(repository, mirror, scripts, keys, afterRemoval);
        return service;
    }

    public ConfigRoutes routes(JsonBodies bodies) {
        return new ConfigRoutes(repository, service, bodies);
    }

    public ConfigRepository repository() {
        return repository;
    }

    /** The ids of every configured branch, as SQL has them now. */
    public List<String> branchIds() {
        return repository.listBranches().stream().map(BranchSummary::id).toList();
    }

    @Override
    public void close() {
        if (mirror != null) {
            mirror.close();
        }
    }
}
