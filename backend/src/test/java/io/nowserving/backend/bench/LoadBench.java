package io.nowserving.backend.bench;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.App;
import io.nowserving.backend.Settings;
import io.nowserving.backend.redis.EmbeddedRedis;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.queue.QueueStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.h2.tools.Server;

/**
 * The load benchmark of README.md (a tool, not a test): two backend instances on one embedded Redis (AOF always,
 * as shipped) and one H2 TCP server, the demo branch; HTTP take-ticket and call-next at a given concurrency
 * (throughput, p50, p99); the raw ceiling of the same script by redis-benchmark in the same run; their ratio;
 * the cross-instance call-to-event latency at idle load.
 *
 * <p>Arguments: {@code --concurrency 16 --seconds 10 --samples 300 --warmup 3}.
 */
public final class LoadBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("concurrency", "16", "seconds", "10", "samples", "300",
                "warmup", "3"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int concurrency = Integer.parseInt(opts.get("concurrency"));
        Duration run = Duration.ofSeconds(Long.parseLong(opts.get("seconds")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(opts.get("warmup")));
        int samples = Integer.parseInt(opts.get("samples"));
        Path dir = Files.createTempDirectory("ns-bench");
        Server h2 = Server.createTcpServer("-tcp", "-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        try (EmbeddedRedis redis = EmbeddedRedis.start(dir.resolve("redis"))) {
            String db = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/bench";
            try (App a = App.start(settings(dir.resolve("a"), redis.url(), db, true));
                    App b = App.start(settings(dir.resolve("b"), redis.url(), db, false));
                    RedisConnection direct = RedisConnection.connect(redis.url())) {
                report(a, b, redis, direct.sync(), concurrency, run, warmup, samples);
            }
        } finally {
            h2.stop();
        }
        System.exit(0);
    }

    private static void report(App a, App b, EmbeddedRedis redis, RedisCommands<String, String> direct,
                               int concurrency, Duration run, Duration warmup, int samples) throws Exception {
        String loadBefore = loadAverage();
        URI[] instances = {URI.create("http://127.0.0.1:" + a.port()), URI.create("http://127.0.0.1:" + b.port())};
        // counter actions need a staff session; with it, tickets are staff tickets (no web rate limit, no cookie)
        HttpLoad.bearer = signIn(instances[0]);
        for (int c = 1; c <= 3; c++) {
            post(instances[0].resolve("/api/v1/branches/main/counters/" + c + "/open"), null);
        }
        // requests alternate between the instances; a third of the tickets for service b; calls over counters 1-3
        IntFunction<HttpRequest> take = i -> HttpLoad.post(instances[i % 2].resolve("/api/v1/branches/main/tickets"),
                "{\"service\":\"" + (i % 3 == 0 ? "b" : "a") + "\"}");
        IntFunction<HttpRequest> call = i -> HttpLoad.post(
                instances[i % 2].resolve("/api/v1/branches/main/counters/" + (i % 3 + 1) + "/call-next"), null);
        HttpLoad load = new HttpLoad();
        load.run("warm-up", concurrency, warmup, 201, take);
        load.run("warm-up", concurrency, warmup, 200, call);
        HttpLoad.Result tickets = load.run("take-ticket", concurrency, run, 201, take);
        HttpLoad.Result calls = load.run("call-next", concurrency, run, 200, call);

        // the raw ceiling of the same script, in the same run, on the same Redis and branch
        LuaScript issue = LuaScript.load(QueueStore.class, "issue_ticket.lua");
        direct.scriptLoad(issue.body());
        RedisKeys keys = new RedisKeys("ns:");
        Optional<String> benchmark = RawCeiling.find();
        double pipelined = Double.NaN;
        double unpipelined = Double.NaN;
        if (benchmark.isPresent()) {
            long before = direct.zcard(keys.line("main", "a"));
            pipelined = RawCeiling.run(benchmark.get(), redis.port(), redis.password(), issue.sha(), keys.cfg("main"),
                    16, 100_000);
            unpipelined = RawCeiling.run(benchmark.get(), redis.port(), redis.password(), issue.sha(),
                    keys.cfg("main"), 1, 30_000);
            long issued = direct.zcard(keys.line("main", "a")) - before;
            if (issued < 128_000) { // a few random ids may collide (2e9 values)
                throw new IllegalStateException("the raw runs issued only " + issued + " tickets: the script refused");
            }
        }

        for (int i = 0; i < samples + 10; i++) { // people to call in the latency run
            post(instances[0].resolve("/api/v1/branches/main/tickets"), "{\"service\":\"b\"}");
        }
        FeedLatency.Result feed = new FeedLatency().run(instances[0], instances[1], "main", samples);

        System.out.println();
        System.out.println("NowServing load benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + "; two instances in one JVM, embedded Redis (AOF always)");
        System.out.println(tickets.line());
        System.out.println(calls.line());
        if (benchmark.isEmpty()) {
            System.out.println("raw ceiling  redis-benchmark NOT FOUND: install redis-tools (or put redis-benchmark on"
                    + " the PATH, or pass -Dbench.redisBenchmark=/path/to/redis-benchmark); no ratio");
        } else {
            System.out.printf("raw ceiling  issue_ticket.lua by redis-benchmark, 50 clients: %.0f ops/s pipelined 16"
                    + " deep (%.0f ops/s unpipelined)%n", pipelined, unpipelined);
            System.out.printf("ratio        HTTP take-ticket / raw ceiling: %.1f %% (aim: at least 50 %%);"
                    + " against the unpipelined figure: %.1f %%%n", 100 * tickets.perSecond() / pipelined,
                    100 * tickets.perSecond() / unpipelined);
        }
        System.out.printf("feed latency call-next on instance 1 to ticket.called on instance 2's SSE, idle: p50 %.2f ms"
                + "  p99 %.2f ms (%d samples; aim: p99 under 20 ms)%n", feed.event().percentileMs(50),
                feed.event().percentileMs(99), feed.event().count());
        System.out.printf("             (the same calls answered on instance 1: p50 %.2f ms  p99 %.2f ms)%n",
                feed.answer().percentileMs(50), feed.answer().percentileMs(99));
        System.out.println("load average (1, 5, 15 min) before / after: " + loadBefore + " / " + loadAverage());
    }

    /** The machine's load average (Linux), so that a figure taken on a busy machine says so. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static int post(URI uri, String json) throws Exception {
        return HTTP.send(HttpLoad.post(uri, json), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static final String OWNER_PASSWORD = "benchmark-owner-password";

    private static String signIn(URI instance) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(HttpLoad.post(
                instance.resolve("/api/v1/auth/login"), "{\"username\":\"admin\",\"password\":\"" + OWNER_PASSWORD
                        + "\"}"), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in refused: " + r.statusCode() + " " + r.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
    }

    private static Settings settings(Path dataDir, String redisUrl, String db, boolean seed) {
        Map<String, String> env = new HashMap<>();
        env.put("NOWSERVING_HTTP_PORT", "0");
        env.put("NOWSERVING_BIND", "127.0.0.1");
        env.put("NOWSERVING_DATA_DIR", dataDir.toString());
        env.put("REDIS_URL", redisUrl);
        env.put("DATABASE_URL", db);
        env.put("DATABASE_USER", "sa");
        env.put("DATABASE_PASSWORD", "");
        env.put("NOWSERVING_SEED_DEMO", Boolean.toString(seed));
        env.put("NOWSERVING_ADMIN_PASSWORD", OWNER_PASSWORD);
        return Settings.from(env, name -> null);
    }
}
