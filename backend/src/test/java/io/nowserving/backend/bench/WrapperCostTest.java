package io.nowserving.backend.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.queue.QueueStore;
import io.nowserving.backend.redis.EmbeddedRedis;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the exactly-once wrapper ({@link LuaScript#load}: one GET before, one SET after, inside the script) costs
 * take-ticket: {@code issue_ticket.lua} bare ({@link LuaScript#reader}) against wrapped, in the same run on the
 * same Redis (embedded, AOF always, as shipped) and branch, rounds alternating so that a machine's load falls on
 * both alike; medians and their ratio, printed. Three ways: redis-benchmark (50 clients, unpipelined), Redis's own
 * time per EVALSHA ({@code INFO commandstats}), and through the backend's {@link ScriptRunner} in this JVM.
 * <p>
 * Short by default (a check that both run and issue tickets); the figures in BENCHMARKS.md come from
 * {@code -Dnowserving.bench.rounds=7 -Dnowserving.bench.requests=4000 -Dnowserving.bench.callgrind=true}. The last
 * adds a count that no load can move: the machine's redis-server under valgrind's callgrind, collecting only inside
 * {@code evalShaCommand}, instructions per take-ticket bare and wrapped.
 */
class WrapperCostTest {
    private static final int ROUNDS = Integer.getInteger("nowserving.bench.rounds", 1);
    private static final int REQUESTS = Integer.getInteger("nowserving.bench.requests", 1000);
    private static final boolean CALLGRIND = Boolean.getBoolean("nowserving.bench.callgrind");

    @TempDir
    Path dir;

    @Test
    void theWrapperCostsTakeTicketLittle() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start(dir.resolve("redis"));
                TestBackend backend = TestBackend.start(Files.createDirectories(dir.resolve("backend")),
                        Map.of("REDIS_URL", redis.url()), TestBranches.branch("wc", 1, null));
                RedisConnection direct = RedisConnection.connect(redis.url())) {
            RedisKeys keys = backend.keys();
            String cfg = keys.cfg("wc");
            LuaScript bare = LuaScript.reader(QueueStore.class, "issue_ticket.lua");
            LuaScript wrapped = LuaScript.load(QueueStore.class, "issue_ticket.lua");
            direct.sync().scriptLoad(bare.body());
            direct.sync().scriptLoad(wrapped.body());
            ScriptRunner runner = new ScriptRunner(direct.sync());
            Optional<String> benchmark = RawCeiling.find();

            List<Double> benchBare = new ArrayList<>();
            List<Double> benchWrapped = new ArrayList<>();
            List<Double> redisBare = new ArrayList<>();
            List<Double> redisWrapped = new ArrayList<>();
            List<Double> jvmBare = new ArrayList<>();
            List<Double> jvmWrapped = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                // alternate which goes first, so a load that rises or falls during a round favours neither
                for (boolean w : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    LuaScript script = w ? wrapped : bare;
                    if (benchmark.isPresent()) {
                        direct.sync().configResetstat();
                        long was = direct.sync().zcard(keys.line("wc", "a"));
                        double ops = RawCeiling.run(benchmark.get(), redis.port(), redis.password(), script.sha(),
                                cfg, 1, REQUESTS, w);
                        long issued = direct.sync().zcard(keys.line("wc", "a")) - was;
                        // a few random ids or customer keys of redis-benchmark may collide (2e9 values)
                        assertTrue(issued > REQUESTS * 0.99, (w ? "the wrapped" : "the bare") + " script issued "
                                + "tickets under redis-benchmark: " + issued + " of " + REQUESTS);
                        (w ? benchWrapped : benchBare).add(ops);
                        (w ? redisWrapped : redisBare).add(usecPerEvalsha(direct));
                    }
                    (w ? jvmWrapped : jvmBare).add(inJvm(runner, script, cfg, REQUESTS / 4, round));
                }
            }

            System.out.printf("%nwrapper cost, issue_ticket.lua bare vs wrapped, %d rounds, load average %s%n",
                    ROUNDS, loadAverage());
            if (benchmark.isPresent()) {
                print("redis-benchmark, 50 clients, ops/s", benchBare, benchWrapped, false);
                print("Redis time per EVALSHA (commandstats), us", redisBare, redisWrapped, true);
            } else {
                System.out.println("redis-benchmark NOT FOUND: only the in-JVM figures");
            }
            print("ScriptRunner in the JVM, one caller, us per call", jvmBare, jvmWrapped, true);
            assertEquals(ROUNDS, jvmWrapped.size());
        }
        if (CALLGRIND) {
            callgrind();
        }
    }

    /** Instructions inside EVALSHA per take-ticket, bare and wrapped, counted by callgrind (load-independent). */
    private void callgrind() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = Files.createDirectories(dir.resolve("callgrind"));
        Process vg = new ProcessBuilder("valgrind", "--tool=callgrind", "--collect-atstart=no",
                "--toggle-collect=evalShaCommand", "--callgrind-out-file=" + out.resolve("cg.out"),
                "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(dir.resolve("vg.log").toFile()).start();
        try {
            String url = "redis://127.0.0.1:" + port;
            io.nowserving.backend.testing.Await.until(java.time.Duration.ofSeconds(60), "redis under valgrind", () -> {
                try (RedisConnection c = RedisConnection.connect(url)) {
                    return "PONG".equals(c.sync().ping());
                } catch (RuntimeException e) {
                    return false;
                }
            });
            int n = 200;
            try (TestBackend backend = TestBackend.start(Files.createDirectories(dir.resolve("backend-cg")),
                    Map.of("REDIS_URL", url), TestBranches.branch("cg", 1, null));
                    RedisConnection direct = RedisConnection.connect(url)) {
                String cfg = backend.keys().cfg("cg");
                ScriptRunner runner = new ScriptRunner(direct.sync());
                LuaScript bare = LuaScript.reader(QueueStore.class, "issue_ticket.lua");
                LuaScript wrapped = LuaScript.load(QueueStore.class, "issue_ticket.lua");
                inJvm(runner, bare, cfg, 20, 100); // loads both, warms Lua up
                inJvm(runner, wrapped, cfg, 20, 100);
                control("-z", vg.pid());
                inJvm(runner, bare, cfg, n, 101);
                control("-d", vg.pid());
                inJvm(runner, wrapped, cfg, n, 102);
                control("-d", vg.pid());
            }
            long[] counts = Files.list(out).filter(f -> f.getFileName().toString().matches("cg\\.out\\.[12]"))
                    .sorted().mapToLong(WrapperCostTest::totalInstructions).toArray();
            assertEquals(2, counts.length, "two callgrind dumps in " + out);
            System.out.printf("  %-48s bare %8d  wrapped %8d; wrapper costs %+.1f %% (redis-server %s under"
                    + " callgrind, %d calls each)%n", "instructions in EVALSHA per take-ticket", counts[0] / n,
                    counts[1] / n, 100.0 * (counts[1] - counts[0]) / counts[0], redisVersion(url), n);
        } finally {
            vg.destroy();
            vg.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void control(String what, long pid) throws Exception {
        Process p = new ProcessBuilder("callgrind_control", what, Long.toString(pid)).redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("callgrind_control " + what + ": " + said);
        }
    }

    private static long totalInstructions(Path dump) {
        try {
            for (String line : Files.readAllLines(dump)) {
                if (line.startsWith("summary:") || line.startsWith("totals:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split(" ")[0]);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no totals in " + dump);
    }

    private static String redisVersion(String url) {
        try (RedisConnection c = RedisConnection.connect(url)) {
            for (String line : c.sync().info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
        } catch (RuntimeException e) {
            // stopped meanwhile
        }
        return "?";
    }

    /** Microseconds per call of {@code n} take-tickets through the backend's runner, one after another. */
    private static double inJvm(ScriptRunner runner, LuaScript script, String cfg, int n, int round) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = "J" + round + (script.once() ? "w" : "b") + i;
            String r = runner.run(script, cfg, "", "", id, "th" + id, "a", "en", "0", "web", "ck" + id, "customer",
                    "", "1");
            if (!r.contains("\"status\":201")) {
                throw new IllegalStateException("not issued: " + r);
            }
        }
        return (System.nanoTime() - start) / 1000.0 / n;
    }

    private static double usecPerEvalsha(RedisConnection redis) {
        for (String line : redis.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:")) {
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("usec_per_call=")) {
                        return Double.parseDouble(field.substring("usec_per_call=".length()));
                    }
                }
            }
        }
        throw new IllegalStateException("no EVALSHA in INFO commandstats");
    }

    private static void print(String what, List<Double> bare, List<Double> wrapped, boolean cost) {
        // for a cost (time) wrapped/bare, for a rate bare/wrapped: either way above 1 means the wrapper is slower;
        // each round's two runs were back to back, so the median of the rounds' ratios is the robust figure
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(bare.size(), wrapped.size()); i++) {
            ratios.add(cost ? wrapped.get(i) / bare.get(i) : bare.get(i) / wrapped.get(i));
        }
        System.out.printf("  %-48s median bare %8.1f  wrapped %8.1f; wrapper costs %+.1f %% (median of the rounds'"
                + " ratios; rounds: bare %s, wrapped %s)%n", what, median(bare), median(wrapped),
                100 * (median(ratios) - 1), rounded(bare), rounded(wrapped));
    }

    private static String rounded(List<Double> xs) {
        return Arrays.toString(xs.stream().mapToLong(Math::round).toArray());
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
