package io.nowserving.backend;

import io.nowserving.backend.writebehind.HistoryRepository;
import io.nowserving.backend.writebehind.Recovery;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigMirror;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.EmbeddedRedis;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.sql.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar nowserving-backend.jar recover <branch> [--force]}: rebuilds the branch's live Redis state
 * from SQL ({@link Recovery}) with the backend's own settings (same environment). Exit 0 restored, 1 refused
 * (live state, without --force) or failed, 2 bad usage or unknown branch.
 */
public final class RecoverCommand {
    private RecoverCommand() {
    }

    public static int run(Settings settings, List<String> args, PrintStream out) {
        List<String> rest = args.stream().filter(a -> !a.equals("--force")).toList();
        boolean force = args.contains("--force");
        if (rest.size() != 1 || !Ids.isConfigId(rest.get(0))) {
            out.println("usage: recover <branch> [--force]");
            return 2;
        }
        String branchId = rest.get(0);
        EmbeddedRedis embedded = null;
        try {
            String url;
            if (settings.redisUrl().isPresent()) {
                url = settings.redisUrl().get();
            } else {
                embedded = EmbeddedRedis.start(settings.dataDir());
                url = embedded.url();
            }
            try (Database db = Database.open(
                    settings.databaseUrl().orElseGet(() -> Database.embeddedH2Url(settings.dataDir())),
                    settings.databaseUser().orElse(null), settings.databasePassword().orElse(null));
                    RedisConnection redis = RedisConnection.connect(url, settings.redisCaFile())) {
                return restore(settings, branchId, force, db, redis, out);
            }
        } catch (IOException e) {
            out.println("recover: cannot start the embedded Redis: " + e.getMessage());
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static int restore(Settings settings, String branchId, boolean force, Database db, RedisConnection redis,
                               PrintStream out) {
        Clock clock = Clock.systemUTC();
        Ids ids = new Ids(clock);
        ConfigRepository configs = new ConfigRepository(db.dataSource());
        Optional<BranchConfig> branch = configs.find(branchId);
        if (branch.isEmpty()) {
            out.println("recover: unknown branch " + branchId);
            return 2;
        }
        ScriptRunner scripts = new ScriptRunner(redis.sync());
        RedisKeys keys = new RedisKeys(settings.redisPrefix());
        try (ConfigMirror mirror = new ConfigMirror(configs, scripts, keys, ids, new com.fasterxml.jackson.databind.ObjectMapper(), clock,
                new HistoryRepository(db.dataSource(), db.isPostgres(), 2L * settings.leaseTtlMs())::highestCommittedSeq)) {
            Recovery.Result r = new Recovery(db.dataSource(), mirror, scripts, keys, ids, clock)
                    .restore(branch.get(), force ? Recovery.Mode.FORCE : Recovery.Mode.REFUSE_LIVE);
            if (!r.ok()) {
                out.println("recover: refused (" + r.error() + "): " + r.detail()
                        + (r.error().equals("live_state") ? " — the branch still has live state; --force overwrites it" : ""));
                return 1;
            }
            out.println("recover: branch " + branchId + " restored: " + r.tickets() + " ticket(s), " + r.waiting()
                    + " waiting, new epoch " + r.epoch() + ", seq continues after " + r.seq());
            return 0;
        }
    }
}
