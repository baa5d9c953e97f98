import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE fan-out load generator (issue 16), in a process of its own: opens N clients of the demo branch's feed with
 * the JDK's non-blocking HTTP client, measures the server's heap after GC per connection (jcmd on the server's
 * pid), then sends call-next one at a time and times each {@code ticket.called} to every client.
 *
 * <pre>java benchmarks/SseFanout.java &lt;base-url&gt; &lt;clients&gt; &lt;calls&gt; &lt;server-pid&gt;</pre>
 * The owner's Bearer token comes from NS_TOKEN; counters 1–3 must be open and tickets waiting. Prints one line
 * {@code sse <clients> <connected> <p50 ms> <p99 ms> <max ms> <missed> <heap KB per connection> <server threads>}.
 */
public class SseFanout {
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        String token = System.getenv("NS_TOKEN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        long heapBefore = heapAfterGcKb(pid);
        int threadsBefore = threads(pid);

        AtomicInteger connected = new AtomicInteger();
        AtomicInteger[] seen = new AtomicInteger[n];
        AtomicLongArray arrivals = new AtomicLongArray(n * calls); // client * calls + call -> nanoTime
        List<Client> clients = new ArrayList<>();
        HttpRequest feed = HttpRequest.newBuilder(base.resolve("/api/v1/branches/main/events"))
                .header("Accept", "text/event-stream").build();
        for (int i = 0; i < n; i++) {
            Client c = new Client(i, calls, connected, arrivals);
            clients.add(c);
            http.sendAsync(feed, HttpResponse.BodyHandlers.fromLineSubscriber(c));
            if (i % 200 == 199) { // a burst at a time, so the accept queue never overflows
                waitUntil(() -> connected.get() >= clients.size() - 50, 60_000);
            }
        }
        boolean all = waitUntil(() -> connected.get() == n, 120_000);
        System.err.printf("%d of %d clients connected%n", connected.get(), n);
        long heapAfter = heapAfterGcKb(pid);
        int threadsAfter = threads(pid);

        HttpClient caller = HttpClient.newHttpClient();
        long[] sent = new long[calls];
        for (int k = 0; k < calls; k++) {
            HttpRequest call = HttpRequest.newBuilder(base.resolve("/api/v1/branches/main/counters/" + (k % 3 + 1)
                    + "/call-next")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            sent[k] = System.nanoTime();
            HttpResponse<String> r = caller.send(call, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("call-next answered " + r.statusCode() + " " + r.body());
            }
            int index = k;
            waitUntil(() -> clients.stream().allMatch(c -> c.called.get() > index), 10_000);
            Thread.sleep(100);
        }
        long[] lat = new long[n * calls];
        int got = 0;
        int missed = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < calls; k++) {
                long at = arrivals.get(i * calls + k);
                if (at == 0) {
                    missed++;
                } else {
                    lat[got++] = at - sent[k];
                }
            }
        }
        long[] sorted = Arrays.copyOf(lat, got);
        Arrays.sort(sorted);
        long perConnection = connected.get() == 0 ? 0 : (heapAfter - heapBefore) / connected.get();
        System.out.printf("sse %d %d %.1f %.1f %.1f %d %.1f %d%n", n, connected.get(), pct(sorted, 50),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, missed,
                (heapAfter - heapBefore) / (double) Math.max(1, connected.get()), threadsAfter);
        System.err.printf("server threads %d -> %d; heap after GC %d KB -> %d KB (%d KB per connection)%n",
                threadsBefore, threadsAfter, heapBefore, heapAfter, perConnection);
        System.exit(all ? 0 : 1);
    }

    /** One feed client: counts its ticket.called events and stamps their arrival. */
    static final class Client implements Flow.Subscriber<String> {
        final AtomicInteger called = new AtomicInteger();
        private final int index;
        private final int calls;
        private final AtomicInteger connected;
        private final AtomicLongArray arrivals;
        private boolean first = true;
        private String event = "";

        Client(int index, int calls, AtomicInteger connected, AtomicLongArray arrivals) {
            this.index = index;
            this.calls = calls;
            this.connected = connected;
            this.arrivals = arrivals;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                if (first) {
                    first = false;
                    connected.incrementAndGet();
                }
                if (event.equals("ticket.called")) {
                    int k = called.getAndIncrement();
                    if (k < calls) {
                        arrivals.set(index * calls + k, System.nanoTime());
                    }
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            System.err.println("client " + index + ": " + t);
        }

        @Override
        public void onComplete() {
            System.err.println("client " + index + ": the server ended the stream");
        }
    }

    interface Condition {
        boolean holds();
    }

    static boolean waitUntil(Condition c, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!c.holds()) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
        return sorted[i] / 1e6;
    }

    /** The server's used heap right after a full GC, in KB (jcmd GC.run, then GC.heap_info). */
    static long heapAfterGcKb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static int threads(long pid) throws IOException, InterruptedException {
        return (int) jcmd(pid, "Thread.print").lines().filter(l -> l.startsWith("\"")).count();
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
