package io.nowserving.backend.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged backend jar ({@code nowserving.backend.jar}, set by failsafe) running in a JVM of its own, as a
 * user starts it: for tests that kill it or need several processes.
 */
public final class BackendProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving at (http://\\S+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final URI base;
    private final List<String> output;

    private BackendProcess(Process process, URI base, List<String> output) {
        this.process = process;
        this.base = base;
        this.output = output;
    }

    /** What a command of the jar ({@code java -jar … <args>}) printed and its exit code. */
    public record Outcome(int exitCode, String output) {
    }

    /** Runs {@code java -jar nowserving-backend.jar <args>} (e.g. {@code recover main}) to its end. */
    public static Outcome run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = java("256m", args);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("java -jar … " + String.join(" ", args) + " did not end");
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static ProcessBuilder java(String maxHeap, String... args) {
        String jar = System.getProperty("nowserving.backend.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the packaged jar is missing (run as *IT after package): " + jar);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap, "-jar", jar));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Starts the jar with these environment variables on a free loopback port; returns once /readyz is 200. */
    public static BackendProcess start(Map<String, String> env) throws IOException, InterruptedException {
        return start(env, "256m");
    }

    /** Like {@link #start(Map)} with the JVM's heap limited to {@code maxHeap} (e.g. {@code 64m}). */
    public static BackendProcess start(Map<String, String> env, String maxHeap) throws IOException,
            InterruptedException {
        ProcessBuilder pb = java(maxHeap);
        pb.environment().put("NOWSERVING_HTTP_PORT", "0");
        pb.environment().put("NOWSERVING_BIND", "127.0.0.1");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // process gone
            }
            url.completeExceptionally(new IllegalStateException("backend exited before serving"));
        }, "backend-output");
        reader.setDaemon(true);
        reader.start();
        URI base;
        try {
            base = url.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("backend did not start:\n" + String.join("\n", output), e);
        }
        BackendProcess bp = new BackendProcess(p, base, output);
        bp.awaitReady();
        return bp;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        if (!Await.within(Duration.ofSeconds(60), () -> {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve("/readyz")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true; // the caller sees the interrupt
            }
        })) {
            throw new IllegalStateException("backend never became ready:\n" + String.join("\n", output));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    public URI base() {
        return base;
    }

    /** One request to this instance (see {@link TestBackend#send(HttpClient, URI, String, String, String...)}). */
    public TestBackend.Reply send(String method, String path, String body, String... headers) {
        return TestBackend.send(http, base.resolve(path), method, body, headers);
    }

    public long pid() {
        return process.pid();
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** kill -9: no shutdown hook runs, the embedded redis-server is orphaned. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the whole JVM freezes (a long GC pause, a suspended VM) until {@link #resume()}. */
    public void suspend() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM, as systemd stops it; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("backend did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // SIGTERM first: the backend then stops its embedded redis-server, which a kill -9 would orphan
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
