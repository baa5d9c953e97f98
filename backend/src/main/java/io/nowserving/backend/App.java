package io.nowserving.backend;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.nowserving.backend.analytics.Retention;
import io.nowserving.backend.analytics.RetentionTarget;
import io.nowserving.backend.analytics.TicketHistoryRoutes;
import io.nowserving.backend.analytics.stats.StatsRoutes;
import io.nowserving.backend.analytics.stats.StatsService;
import io.nowserving.backend.auth.Auth;
import io.nowserving.backend.config.ConfigMirror;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.config.ConfigRoutes;
import io.nowserving.backend.config.ConfigService;
import io.nowserving.backend.config.DemoSeed;
import io.nowserving.backend.writebehind.HistoryRepository;
import io.nowserving.backend.writebehind.WriteBehind;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.events.CommittedSeqs;
import io.nowserving.backend.events.EpochGate;
import io.nowserving.backend.events.EpochGuard;
import io.nowserving.backend.events.EventStream;
import io.nowserving.backend.events.FeedConnections;
import io.nowserving.backend.events.FeedOptions;
import io.nowserving.backend.events.FeedRoutes;
import io.nowserving.backend.events.LiveFeed;
import io.nowserving.backend.events.StreamRetention;
import io.nowserving.backend.events.sse.SseWriters;
import io.nowserving.backend.events.ticket.StreamTokens;
import io.nowserving.backend.events.ticket.TicketFeed;
import io.nowserving.backend.events.ticket.TicketFeedRoutes;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.pages.PageRoutes;
import io.nowserving.backend.line.LineApi;
import io.nowserving.backend.line.LineRoutes;
import io.nowserving.backend.line.LineTickets;
import io.nowserving.backend.line.LineTokens;
import io.nowserving.backend.line.LineWebhook;
import io.nowserving.backend.notify.Notifications;
import io.nowserving.backend.notify.NotifySettings;
import io.nowserving.backend.notify.NotifyRoutes;
import io.nowserving.backend.queue.DayRoller;
import io.nowserving.backend.queue.QueueRoutes;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.queue.QueueStore;
import io.nowserving.backend.queue.TestClock;
import io.nowserving.backend.redis.EmbeddedRedis;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisHealth;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.SqlHealth;
import io.nowserving.backend.web.AccessCheck;
import io.nowserving.backend.web.ClientAddress;
import io.nowserving.backend.web.HttpServer;
import io.nowserving.backend.web.Metrics;
import io.nowserving.backend.web.JsonBodies;
import io.nowserving.backend.web.MetaRoutes;
import io.nowserving.backend.web.Replays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend, wired: the same object {@link Main} starts and the tests start. Closing it tells SSE clients to
 * reconnect elsewhere, stops the HTTP server (finishing requests in flight), then the feeds, mirror, Redis client,
 * database and embedded Redis, in that order.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Javalin http;
    private final HttpServer server;
    private final Metrics metrics;
    private final Settings settings;
    private ConfigService configService;
    private WriteBehind writeBehind;
    private StreamRetention streamRetention;
    private Retention privacyRetention;
    private HistoryRepository history;
    private SseWriters writers;
    private Notifications notifications;

    private App(Settings settings, Clock clock, FeedOptions feedOptions) {
        this.settings = settings;
        try {
            log.info("NowServing {} starting with {}", MetaRoutes.version(), settings.describe());
            String redisUrl = settings.redisUrl().orElseGet(() -> {
                EmbeddedRedis embedded = startEmbeddedRedis(settings);
                resources.push(embedded);
                return embedded.url();
            });
            Database db = Database.open(
                    settings.databaseUrl().orElseGet(() -> Database.embeddedH2Url(settings.dataDir())),
                    settings.databaseUser().orElse(null), settings.databasePassword().orElse(null));
            resources.push(db);
            RedisConnection redis = RedisConnection.connect(redisUrl, settings.redisCaFile());
            resources.push(redis);

            ObjectMapper json = jsonMapper();
            Ids ids = new Ids(clock);
            RedisKeys keys = new RedisKeys(settings.redisPrefix());
            // state changes (every script but the feed's own) wait while the epoch rule runs after a reconnect
            EpochGate gate = new EpochGate(5000);
            ScriptRunner scripts = new ScriptRunner(gate.guard(redis.sync()));
            ScriptRunner feedScripts = new ScriptRunner(redis.sync());
            ConfigRepository configs = new ConfigRepository(db.dataSource());
            if (settings.seedDemo() && DemoSeed.seedIfEmpty(configs)) {
                log.info("seeded the demo branch 'main' into an empty database");
            }
            // SQL's highest committed seq: the epoch rule's floor and the bound stream trimming never passes
            history = new HistoryRepository(db.dataSource(), db.isPostgres(), 2L * settings.leaseTtlMs());
            CommittedSeqs committed = new CommittedSeqs() {
                @Override
                public long committed(String branch) {
                    return history.highestCommittedSeq(branch);
                }

                @Override
                public java.util.Set<String> branches() {
                    return configs.listBranches().stream().map(b -> b.id())
                            .collect(java.util.stream.Collectors.toSet());
                }
            };
            EpochGuard guard = new EpochGuard(feedScripts, keys, ids, committed);
            guard.check(configs.findAll().stream().map(BranchConfig::id).toList());
            ConfigMirror mirror = new ConfigMirror(configs, scripts, keys, ids, json, clock,
                    history::highestCommittedSeq);
            mirror.mirrorAll();
            mirror.start();
            resources.push(mirror);

            JsonBodies bodies = new JsonBodies(json);
            Auth auth = Auth.start(new Auth.Options(settings.passwordCost(), settings.dataDir(),
                            settings.adminPassword(), settings.sessionTtlMinutes(), settings.presenceTtlSeconds(),
                            settings.rateLimitPerMinute(), settings.publicUrl()), db.dataSource(), redis.sync(), keys, ids, clock, bodies,
                    b -> configs.find(b).isPresent());
            AccessCheck access = new AccessCheck(ids, settings.testClock(), auth.credentials(),
                    new ClientAddress(settings.trustedProxies()), settings.metricsToken());
            QueueService queue = new QueueService(new QueueStore(scripts, keys, mirror, json), ids, json,
                    settings.defaultLanguage());
            DayRoller roller = new DayRoller(queue, () -> configs.listBranches().stream().map(b -> b.id()).toList());
            roller.start();
            resources.push(roller);
            writeBehind = new WriteBehind(redis.client(), scripts, redis.sync(), keys, history, configs::findAll,
                    ids.ulid(), settings.leaseTtlMs(), clock);
            writeBehind.start();
            resources.push(writeBehind);

            EventStream stream = new EventStream(feedScripts, redis.sync(), keys, queue, json, guard);
            writers = new SseWriters(feedOptions);
            resources.push(writers);
            LiveFeed feed = new LiveFeed(redis, keys, stream, guard, gate, feedOptions);
            resources.push(feed);
            feed.start();
            TicketFeed tickets = new TicketFeed(feed, feedScripts, keys, json);
            resources.push(tickets);
            StreamRetention retention = new StreamRetention(feedScripts, keys, json,
                    () -> configs.findAll().stream().map(BranchConfig::id).toList(), committed, feedOptions);
            resources.push(retention);
            retention.start();
            streamRetention = retention;

            RedisHealth redisHealth = new RedisHealth(redis.sync());
            MetaRoutes meta = new MetaRoutes(List.of(
                    MetaRoutes.Check.required("redis", redisHealth::problem),
                    MetaRoutes.Check.required("sql", new SqlHealth(db.dataSource())::problem),
                    MetaRoutes.Check.required("configMirror", mirror::problem),
                    MetaRoutes.Check.required("writeBehind", writeBehind::problem),
                    MetaRoutes.Check.required("eventFeed", gate::problem),
                    // a long stream means SQL history is behind: every instance shares it, and each still serves
                    MetaRoutes.Check.degrading("eventStream", retention::problem)),
                    List.of(new MetaRoutes.Detail("writeBehind", writeBehind::details)));
            metrics = new Metrics();
            resources.push(metrics);
            if (settings.metricsPort() > 0) {
                metrics.listen(settings.bind(), settings.metricsPort());
                log.info("metrics at http://{}:{}/metrics", settings.bind(), metrics.port());
            }
            Retention privacy = new Retention(db.dataSource(), configs::find, RetentionTarget.BUILT_IN, clock,
                    settings.retentionDays());
            resources.push(privacy);
            privacy.start();
            privacyRetention = privacy;
            // LINE and notifications: off (route 404, no dispatcher) without the channel secret and token
            NotifySettings lineSettings = settings.notifications();
            LineTickets lineTickets = new LineTickets(db.dataSource());
            java.util.Optional<LineApi> lineApi = lineSettings.lineAccessToken()
                    .map(token -> new LineApi(lineSettings.lineApiUrl(), token, json));
            lineApi.ifPresent(resources::push);
            java.util.Optional<LineWebhook> lineWebhook = lineApi.map(api -> new LineWebhook(
                    lineSettings.lineBranch(), queue, lineTickets,
                    new LineTokens(lineSettings.lineChannelSecret().orElseThrow()), api, redis.sync(), keys, json,
                    clock, settings.publicUrl()));
            notifications = Notifications.start(lineSettings, redis.client(), redis.sync(), scripts, keys,
                    lineTickets, lineApi, json, () -> configs.listBranches().stream().map(b -> b.id()).toList(),
                    ids.ulid(), clock);
            resources.push(notifications);
            metrics.add(notifications::metrics);
            configService = new ConfigService(configs, mirror, scripts, keys, auth::branchRemoved);
            server = HttpServer.create(json, access, settings.maxBodyBytes(), settings.shutdownGraceMs(),
                    settings.corsOrigins(), metrics);
            http = server.app();
            FeedConnections feedConnections = new FeedConnections(settings.feedConnectionsPerAddress());
            Routes.register(http, new Replays(redis.sync(), keys), meta, metrics, auth.routes(),
                    new ConfigRoutes(configs, configService, bodies),
                    new QueueRoutes(queue, access, bodies, settings.publicUrl(), auth.rateLimits(), auth.presence()),
                    new TestClock(redis.sync(), keys, bodies),
                    new FeedRoutes(feed, writers, stream, feedConnections, feedOptions),
                    new TicketFeedRoutes(queue, new StreamTokens(redis.sync(), keys, ids), tickets, writers, stream,
                            json, feedConnections, feedOptions),
                    new TicketHistoryRoutes(configs, db.dataSource()),
                    new StatsRoutes(configs, new StatsService(db.dataSource(), json)),
                    new PageRoutes(configs::find, queue, json),
                    new LineRoutes(lineSettings.lineChannelSecret(), lineWebhook, json),
                    new NotifyRoutes(notifications), server::routes);
            OperationsMetrics.register(metrics, writers, feed, writeBehind, queue, configs::listBranches);
            http.start(settings.bind(), settings.httpPort());
        } catch (IOException e) {
            closeResources();
            throw new UncheckedIOException("could not open the metrics port " + settings.metricsPort(), e);
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    /** Starts the backend; it serves once this returns. */
    public static App start(Settings settings) {
        return new App(settings, Clock.systemUTC(), feedOptions(settings));
    }

    /** Starts the backend with its Java-side time (sessions, throttling, presence, ids) from {@code clock}. */
    public static App start(Settings settings, Clock clock) {
        return new App(settings, clock, feedOptions(settings));
    }

    private static FeedOptions feedOptions(Settings s) {
        return FeedOptions.DEFAULTS.withStream(s.streamKeepEvents(), Duration.ofMinutes(s.streamKeepMinutes()),
                s.streamAlarmEntries());
    }

    /** Starts the backend with feed tuning of its own (tests: small client queues, short time-outs). */
    public static App start(Settings settings, FeedOptions feedOptions) {
        return new App(settings, Clock.systemUTC(), feedOptions);
    }

    /** Counts of the SSE connections (for metrics and tests). */
    public SseWriters.Stats feedStats() {
        return writers.stats();
    }

    /** Every HTTP route with its roles, as registered. */
    public List<HttpServer.RouteInfo> routes() {
        return server.routes();
    }

    /** The port of the separate metrics listener, 0 when there is none. */
    public int metricsPort() {
        return metrics.port();
    }

    /** The port the HTTP server listens on (the real one when 0 was asked for). */
    public int port() {
        return http.port();
    }

    /** Configuration changes, as the configuration routes make them (tests use it while Redis is down). */
    public ConfigService configService() {
        return configService;
    }

    /** The stream trimming of this instance (tests run it at once instead of waiting for its timer). */
    public StreamRetention streamRetention() {
        return streamRetention;
    }

    /** The erasure of personal data past the retention period (tests run it with a moved clock). */
    public Retention retention() {
        return privacyRetention;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The write-behind of this instance: its committed seq per branch, lag and counters (for the epoch check,
     * stream trimming and /metrics; see DECISIONS "Durable history").
     */
    public WriteBehind writeBehind() {
        return writeBehind;
    }

    /** The notifications of this instance: outbox, dead letters, pause (tests drive them directly). */
    public Notifications notifications() {
        return notifications;
    }

    /** SQL's durable history (e.g. {@link HistoryRepository#highestCommittedSeq}). */
    public HistoryRepository history() {
        return history;
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static EmbeddedRedis startEmbeddedRedis(Settings settings) {
        try {
            return EmbeddedRedis.start(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis in " + settings.dataDir(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (writers != null) {
                // before Jetty stops: an open event stream would hold the stop for the whole grace period
                writers.shutdown(Duration.ofMillis(Math.min(1000, Math.max(100, settings.shutdownGraceMs() / 2))));
            }
            if (http != null) {
                http.stop();
            }
        } catch (RuntimeException e) {
            // Jetty waits for idle keep-alive connections too; past the grace period it gives up on them
            log.info("HTTP stopped after the {} ms grace period with connections still open",
                    settings.shutdownGraceMs());
        } finally {
            closeResources();
        }
    }

    private void closeResources() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("closing {} failed", r.getClass().getSimpleName(), e);
            }
        }
    }
}
