package io.nowserving.backend.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP load: {@code concurrency} workers, each sending its next request as soon as the previous one
 * answered, for a fixed time; requests alternate over the given instances. No cookies are kept, so every
 * take-ticket is a new customer (a distinct customer key).
 */
final class HttpLoad {
    /** Throughput and latencies of one run; {@code failures} counts answers other than the expected status. */
    record Result(String name, int concurrency, long requests, long failures, double seconds, Latencies latencies) {
        double perSecond() {
            return requests / seconds;
        }

        String line() {
            return String.format("%-12s concurrency %3d: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests, %d failed)",
                    name, concurrency, perSecond(), latencies.percentileMs(50), latencies.percentileMs(99), requests,
                    failures);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs {@code request(i)} (the i-th request of a worker) and expects {@code status}. */
    Result run(String name, int concurrency, Duration duration, int status, IntFunction<HttpRequest> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        List<Latencies> all = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Latencies mine = new Latencies();
            all.add(mine);
            workers.add(pool.submit(() -> {
                long ok = 0;
                long failed = 0;
                for (int i = 0; System.nanoTime() < end; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = http.send(request.apply(worker + i * concurrency),
                            HttpResponse.BodyHandlers.discarding());
                    mine.add(System.nanoTime() - t0);
                    if (r.statusCode() == status) {
                        ok++;
                    } else {
                        failed++;
                    }
                }
                return new long[] {ok, failed};
            }));
        }
        long ok = 0;
        long failed = 0;
        for (Future<long[]> f : workers) {
            long[] r = f.get();
            ok += r[0];
            failed += r[1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Latencies merged = new Latencies();
        all.forEach(merged::addAll);
        return new Result(name, concurrency, ok + failed, failed, seconds, merged);
    }

    /** The staff session the benchmark's requests carry (counter actions need one), or null. */
    static volatile String bearer;

    static HttpRequest post(URI uri, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
    }
}
