package io.nowserving.backend;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.nowserving.backend.analytics.Analytics;
import io.nowserving.backend.analytics.Retention;
import io.nowserving.backend.auth.Auth;
import io.nowserving.backend.config.Config;
import io.nowserving.backend.config.ConfigMirror;
import io.nowserving.backend.config.ConfigService;
import io.nowserving.backend.events.CommittedSeqs;
import io.nowserving.backend.events.EpochGate;
import io.nowserving.backend.events.EpochGuard;
import io.nowserving.backend.events.FeedOptions;
import io.nowserving.backend.events.Feeds;
import io.nowserving.backend.events.StreamRetention;
import io.nowserving.backend.events.sse.SseWriters;
import io.nowserving.backend.events.ticket.TicketFeeds;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.line.Line;
import io.nowserving.backend.notify.Notifications;
import io.nowserving.backend.notify.NotifyRoutes;
import io.nowserving.backend.notify.NotifySettings;
import io.nowserving.backend.pages.PageRoutes;
import io.nowserving.backend.queue.Queue;
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
import io.nowserving.backend.web.JsonBodies;
import io.nowserving.backend.web.MetaRoutes;
import io.nowserving.backend.web.Metrics;
import io.nowserving.backend.web.Replays;
import io.nowserving.backend.writebehind.HistoryRepository;
import io.nowserving.backend.writebehind.WriteBehind;
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
 * The backend, wired: the same object {@link Main} starts and the tests start. It reads as a table of contents:
 * the base (Redis, SQL, the epoch gate), then each feature's part from its own {@code start} factory, in the
 * order they depend on each other, then the HTTP server with the route table ({@link Routes}). Every part is
 * closed in reverse order of starting. Closing first ends the SSE streams (telling clients to reconnect
 * elsewhere) and stops the HTTP server (finishing requests in flight).
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final Settings settings;
    private final Javalin http;
    private final HttpServer server;
    private final Metrics metrics;
    private final HistoryRepository history;
    private final WriteBehind writeBehind;
    private final Feeds feeds;
    private final Analytics analytics;
    private final Notifications notifications;
    private final ConfigService configService;
    private final MetaRoutes readiness;

    private App(Settings settings, Clock clock, FeedOptions feedOptions) {
        this.settings = settings;
        try {
            log.info("NowServing {} starting with {}", MetaRoutes.version(), settings.describe());
            // the base: Redis (embedded unless configured), SQL, keys, ids, the scripts behind the epoch gate
            String redisUrl = settings.redisUrl().orElseGet(() -> own(startEmbeddedRedis(settings)).url());
            Database db = own(Database.open(
                    settings.databaseUrl().orElseGet(() -> Database.embeddedH2Url(settings.dataDir())),
                    settings.databaseUser().orElse(null), settings.databasePassword().orElse(null)));
            RedisConnection redis = own(RedisConnection.connect(redisUrl, settings.redisCaFile()));
            ObjectMapper json = jsonMapper();
            JsonBodies bodies = new JsonBodies(json);
            Ids ids = new Ids(clock);
            RedisKeys keys = new RedisKeys(settings.redisPrefix());
            // state changes (every script but the feed's own) wait while the epoch rule runs after a reconnect
            EpochGate gate = new EpochGate(5000);
            ScriptRunner scripts = new ScriptRunner(gate.guard(redis.sync()));
            ScriptRunner feedScripts = new ScriptRunner(redis.sync());

            // configuration from SQL; SQL's highest committed seq is the epoch rule's floor and trimming's bound
            Config config = own(Config.open(db.dataSource(), settings.seedDemo()));
            history = new HistoryRepository(db.dataSource(), db.isPostgres(), 2L * settings.leaseTtlMs());
            CommittedSeqs committed = CommittedSeqs.of(history::highestCommittedSeq, config::branchIds);
            EpochGuard guard = new EpochGuard(feedScripts, keys, ids, committed);
            guard.check(config.branchIds());
            ConfigMirror mirror = config.mirror(scripts, keys, ids, json, clock, history::highestCommittedSeq);

            Auth auth = Auth.start(new Auth.Options(settings.passwordCost(), settings.dataDir(),
                            settings.adminPassword(), settings.sessionTtlMinutes(), settings.presenceTtlSeconds(),
                            settings.rateLimitPerMinute(), settings.publicUrl()), db.dataSource(), redis.sync(), keys,
                    ids, clock, bodies, b -> config.repository().find(b).isPresent());
            configService = config.service(scripts, keys, auth::branchRemoved);
            AccessCheck access = new AccessCheck(ids, settings.testClock(), auth.credentials(),
                    new ClientAddress(settings.trustedProxies()), settings.metricsToken());
            Queue queue = own(Queue.start(new Queue.Options(settings.defaultLanguage(), settings.publicUrl(),
                            auth.rateLimits(), auth.presence()), scripts, redis.sync(), keys, mirror, ids, json, access,
                    bodies, config::branchIds));
            writeBehind = own(new WriteBehind(redis.client(), scripts, redis.sync(), keys, history,
                    config.repository()::findAll, ids.ulid(), settings.leaseTtlMs(), clock));
            writeBehind.start();
            feeds = own(Feeds.start(feedOptions, settings.feedConnectionsPerAddress(), redis, feedScripts, keys,
                    queue.service(), json, guard, gate, committed, config::branchIds));
            TicketFeeds ticketFeeds = own(TicketFeeds.start(feeds, feedScripts, redis.sync(), keys, ids,
                    queue.service(), json));
            analytics = own(Analytics.start(db.dataSource(), config.repository(), json, clock,
                    settings.retentionDays()));
            NotifySettings notify = settings.notifications();
            Line line = own(Line.start(new Line.Options(notify.lineChannelSecret(), notify.lineAccessToken(),
                            notify.lineApiUrl(), notify.lineBranch(), settings.publicUrl()), db.dataSource(),
                    queue.service(), redis.sync(), keys, json, clock));
            notifications = own(Notifications.start(notify, redis.client(), redis.sync(), scripts, keys,
                    line.tickets(), line.api(), json, config::branchIds, ids.ulid(), clock));

            // health, readiness and metrics over the parts
            MetaRoutes meta = new MetaRoutes(List.of(
                    MetaRoutes.Check.required("redis", new RedisHealth(redis.sync())::problem),
                    MetaRoutes.Check.required("sql", new SqlHealth(db.dataSource())::problem),
                    MetaRoutes.Check.required("configMirror", mirror::problem),
                    MetaRoutes.Check.required("writeBehind", writeBehind::problem),
                    MetaRoutes.Check.required("eventFeed", gate::problem),
                    // a long stream means SQL history is behind: every instance shares it, and each still serves
                    MetaRoutes.Check.degrading("eventStream", feeds.retention()::problem)),
                    List.of(new MetaRoutes.Detail("writeBehind", writeBehind::details)));
            own(meta);
            readiness = meta;
            metrics = own(new Metrics());
            metrics.add(notifications::metrics);
            if (settings.metricsPort() > 0) {
                metrics.listen(settings.bind(), settings.metricsPort());
                log.info("metrics at http://{}:{}/metrics", settings.bind(), metrics.port());
            }

            server = HttpServer.create(json, access, settings.maxBodyBytes(), settings.shutdownGraceMs(),
                    settings.corsOrigins(), metrics);
            http = server.app();
            Routes.register(http, new Replays(redis.sync(), keys), meta, metrics, auth.routes(),
                    config.routes(bodies), queue.routes(), queue.testClock(), feeds.routes(), ticketFeeds.routes(),
                    analytics.historyRoutes(), analytics.statsRoutes(),
                    new PageRoutes(config.repository()::find, queue.service(), json, notify.ahead()), line.routes(),
                    new NotifyRoutes(notifications), server::routes);
            OperationsMetrics.register(metrics, feeds.writers(), feeds.live(), writeBehind, queue.service(),
                    config.repository()::listBranches);
            http.start(settings.bind(), settings.httpPort());
        } catch (IOException e) {
            closeParts();
            throw new UncheckedIOException("could not open the metrics port " + settings.metricsPort(), e);
        } catch (RuntimeException e) {
            closeParts();
            throw e;
        }
    }

    /** Keeps {@code part} to be closed when the app closes (in reverse order of starting). */
    private <T extends AutoCloseable> T own(T part) {
        parts.push(part);
        return part;
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
        return feeds.writers().stats();
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
        return feeds.retention();
    }

    /** The erasure of personal data past the retention period (tests run it with a moved clock). */
    public Retention retention() {
        return analytics.retention();
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

    /** Runs the readiness checks now instead of at the refresher's next turn (tests). */
    public void refreshReadiness() {
        readiness.refresh();
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

    /**
     * Stops: no new connections, every SSE stream told to reconnect elsewhere and ended, requests in flight
     * finished (up to the grace period), then every part closed in reverse order of starting.
     */
    @Override
    public void close() {
        long grace = settings.shutdownGraceMs();
        try {
            if (server != null) {
                server.stopAccepting(Math.max(50, Math.min(1000, grace / 2)));
            }
            if (feeds != null) {
                // before Jetty stops: an open event stream would hold the stop for the whole grace period
                feeds.endStreams(Duration.ofMillis(Math.min(1000, Math.max(100, grace / 2))));
            }
            if (http != null) {
                http.stop();
            }
        } catch (RuntimeException e) {
            log.info("HTTP stopped after the {} ms grace period with requests still in flight", grace);
        } finally {
            closeParts();
        }
    }

    private void closeParts() {
        while (!parts.isEmpty()) {
            AutoCloseable r = parts.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("closing {} failed", r.getClass().getSimpleName(), e);
            }
        }
    }
}
