package io.nowserving.backend.redis;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/** Starting, probing and stopping one redis-server process; the policy lives in {@link EmbeddedRedis}. */
final class ServerProcess {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static File binary;

    private ServerProcess() {
    }

    /** What answers on a port: nothing, someone else's server, or ours (by password and config file). */
    record Probe(Status status, long pid) {
        enum Status { NO_ANSWER, NOT_OURS, NOT_READY, READY }

        boolean ours() {
            return status == Status.NOT_READY || status == Status.READY;
        }
    }

    /** The port recorded by the last start if it is free, so clients configured with it keep working. */
    static int choosePort(OptionalInt saved) throws IOException {
        if (saved.isPresent()) {
            if (isFree(saved.getAsInt())) {
                return saved.getAsInt();
            }
            log.info("Port {} of the embedded Redis is taken now; choosing another", saved.getAsInt());
        }
        try (ServerSocket free = new ServerSocket(0, 1, RespClient.LOOPBACK)) {
            return free.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, RespClient.LOOPBACK)) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    static Process launch(RedisFiles files) throws IOException {
        return new ProcessBuilder(binary().getAbsolutePath(), files.config().toString())
                .directory(files.dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(files.console().toFile()))
                .start();
    }

    /** Waits until {@code process} itself answers AUTH and PING on {@code port}. */
    static void awaitReady(Process process, int port, String password, RedisFiles files, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with code " + process.exitValue()
                        + " before it answered on port " + port + files.logTail());
            }
            Probe probe = probe(port, password, files.config());
            if (probe.status() == Probe.Status.READY && probe.pid() == process.pid()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("redis-server (pid " + process.pid() + ") did not answer PING on port " + port
                        + " within " + timeout.toSeconds() + " s" + files.logTail());
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if it exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for redis-server to start");
            }
        }
    }

    static Probe probe(int port, String password, Path config) {
        try (RespClient c = RespClient.connect(port, PROBE_TIMEOUT)) {
            try {
                c.call("AUTH", password);
            } catch (RespClient.ErrorReply e) {
                return new Probe(Probe.Status.NOT_OURS, -1);
            }
            String info = (String) c.call("INFO", "server");
            if (!sameFile(field(info, "config_file"), config)) {
                return new Probe(Probe.Status.NOT_OURS, -1);
            }
            long pid = Long.parseLong(field(info, "process_id"));
            try {
                c.call("PING");
                return new Probe(Probe.Status.READY, pid);
            } catch (RespClient.ErrorReply e) { // LOADING the AOF, most likely
                return new Probe(Probe.Status.NOT_READY, pid);
            }
        } catch (IOException | RuntimeException e) {
            return new Probe(Probe.Status.NO_ANSWER, -1);
        }
    }

    /**
     * Stops a server we own: SHUTDOWN (which fsyncs the AOF), then SIGTERM, then a forced kill, each
     * given time to work. Returns once the process is gone.
     */
    static void stop(ProcessHandle server, int port, String password) throws IOException {
        try (RespClient c = RespClient.connect(port, PROBE_TIMEOUT)) {
            c.call("AUTH", password);
            c.call("SHUTDOWN");
        } catch (RespClient.ErrorReply e) {
            log.warn("redis-server pid {} refused SHUTDOWN ({}); terminating it", server.pid(), e.getMessage());
        } catch (IOException expected) {
            // SHUTDOWN answers by closing the connection; a server already gone refuses it
        }
        if (ProcessExit.await(server, SHUTDOWN_TIMEOUT)) {
            return;
        }
        log.warn("redis-server pid {} did not exit {} s after SHUTDOWN; terminating it", server.pid(),
                SHUTDOWN_TIMEOUT.toSeconds());
        server.destroy();
        if (!ProcessExit.await(server, Duration.ofSeconds(10))) {
            server.destroyForcibly();
            if (!ProcessExit.await(server, Duration.ofSeconds(10))) {
                throw new IOException("redis-server pid " + server.pid() + " could not be stopped");
            }
        }
    }

    /** The binary is extracted once per JVM: every call of the provider extracts another 10 MB copy. */
    private static synchronized File binary() throws IOException {
        if (binary == null || !binary.canExecute()) {
            binary = ExecutableProvider.newJarResourceProvider().get();
        }
        return binary;
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private static boolean sameFile(String reported, Path config) {
        try {
            return !reported.isEmpty() && Files.isSameFile(Path.of(reported), config);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
