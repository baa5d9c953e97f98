package io.nowserving.backend.ops;

import io.nowserving.backend.testing.Await;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server of a test's own on a free loopback port ({@code {port}} in the options stands for it), with the
 * options given; ready once its log says so.
 */
final class RedisServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The redis-server bundled in embedded-redis (6.2), as the embedded mode runs it. */
    static RedisServerProcess bundled(Path dir, String... options) throws IOException, InterruptedException {
        return start(ExecutableProvider.newJarResourceProvider().get(), dir, options);
    }

    static RedisServerProcess start(File binary, Path dir, String... options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary.getAbsolutePath(), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", ""));
        // with --tls-port {port} the plain port is off
        command.addAll(List.of("--port", List.of(options).contains("--tls-port") ? "0" : Integer.toString(port)));
        for (String option : options) {
            command.add(option.equals("{port}") ? Integer.toString(port) : option);
        }
        Path log = dir.resolve("redis.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!Await.within(Duration.ofSeconds(30), () -> ready(log) || !p.isAlive()) || !ready(log)) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-server did not start: "
                    + (Files.exists(log) ? Files.readString(log) : "(no log)"));
        }
        return new RedisServerProcess(p, port);
    }

    private static boolean ready(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains("Ready to accept connections");
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
