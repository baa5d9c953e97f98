package io.nowserving.backend.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redis-server the backend runs when it is given no REDIS_URL: the binary bundled in
 * embedded-redis, on 127.0.0.1 only, with a password, AOF {@code appendfsync always} and
 * {@code noeviction}, its files in {@code <dataDir>/redis/}. While open it holds a lock on that
 * directory and restarts the server on the same port and data if the server dies.
 *
 * <p>A server left running by a previous backend whose JVM was killed is <b>shut down, not taken
 * over</b>: SHUTDOWN fsyncs its AOF, and a new server started here replays it. That keeps one
 * supervision path (a child process whose exit we see at once) instead of polling a stranger, and it
 * lets this version's binary and redis.conf take effect, for the price of an AOF replay at start.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_RESTART_DELAY_SECONDS = 30;

    private final RedisFiles files;
    private final DataDirLock lock;
    private final String password;
    private final int port;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "embedded-redis-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Object guard = new Object();
    private Process process; // guarded
    private boolean closed; // guarded

    private EmbeddedRedis(RedisFiles files, DataDirLock lock, String password, int port) {
        this.files = files;
        this.lock = lock;
        this.password = password;
        this.port = port;
    }

    /** Starts (or, after a crash, restarts) the server of {@code dataDir}, the backend's NOWSERVING_DATA_DIR. */
    public static EmbeddedRedis start(Path dataDir) throws IOException {
        RedisFiles files = new RedisFiles(dataDir);
        DataDirLock lock = DataDirLock.acquire(files.lock(), dataDir);
        EmbeddedRedis redis;
        try {
            String password = files.password();
            LeftoverServer.stopIfRunning(files, password);
            redis = new EmbeddedRedis(files, lock, password, choosePort(files.port()));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            redis.launch();
        } catch (IOException | RuntimeException e) {
            try {
                redis.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return redis;
    }

    /** {@code redis://:<password>@127.0.0.1:<port>}; a secret, never to be logged. */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The pid of the current redis-server (it changes when the supervisor restarts it). */
    public long pid() {
        synchronized (guard) {
            return process.pid();
        }
    }

    private void launch() throws IOException {
        files.writeConfig(port, password);
        files.writeState(port, -1);
        Process p;
        synchronized (guard) {
            if (closed) {
                throw new IllegalStateException("embedded Redis of " + files.dir + " is closed");
            }
            p = ServerProcess.launch(files);
            process = p;
        }
        try {
            ServerProcess.awaitReady(p, port, password, files, READY_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            synchronized (guard) {
                if (!closed) { // else close() shuts it down cleanly
                    p.destroyForcibly();
                }
            }
            throw e;
        }
        files.writeState(port, p.pid());
        log.info("Embedded redis-server running (pid {}) on 127.0.0.1:{} with its data in {}", p.pid(), port, files.dir);
        p.onExit().thenRunAsync(() -> exited(p), supervisor);
    }

    private void exited(Process p) {
        synchronized (guard) {
            if (closed || process != p) {
                return;
            }
        }
        log.warn("Embedded redis-server (pid {}) on port {} exited unexpectedly with code {}; restarting it on the same data",
                p.pid(), port, p.exitValue());
        restart(1);
    }

    private void restart(int attempt) {
        try {
            launch();
        } catch (IOException | RuntimeException e) {
            synchronized (guard) {
                if (closed) {
                    return;
                }
            }
            long delay = Math.min(MAX_RESTART_DELAY_SECONDS, 1L << Math.min(attempt, 5));
            log.error("Could not restart the embedded redis-server on port {} (attempt {}); trying again in {} s",
                    port, attempt, delay, e);
            supervisor.schedule(() -> restart(attempt + 1), delay, TimeUnit.SECONDS);
        }
    }

    /** Shuts the server down (its AOF fsynced), waits for it to exit and releases the data directory. */
    @Override
    public void close() {
        synchronized (guard) {
            if (closed) {
                return;
            }
            closed = true; // from here on launch() starts nothing
        }
        boolean interrupted = stopSupervisor();
        try {
            Process p;
            synchronized (guard) {
                p = process;
            }
            if (p != null) {
                ServerProcess.stop(p.toHandle(), port, password);
                files.writeState(port, -1);
                log.info("Embedded redis-server (pid {}) shut down", p.pid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not shut down the embedded redis-server in " + files.dir, e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("Could not release the lock on {}", files.lock(), e);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the supervisor thread, interrupting a restart in progress; true if this thread was interrupted. */
    private boolean stopSupervisor() {
        supervisor.shutdownNow();
        try {
            if (!supervisor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The embedded Redis supervisor thread did not stop within 30 s");
            }
            return false;
        } catch (InterruptedException e) {
            return true; // still shut the server down, then restore the flag
        }
    }

    @Override
    public String toString() {
        return "EmbeddedRedis[127.0.0.1:" + port + ", " + files.dir + "]";
    }

    /** The port recorded by the last start if it is free, so clients configured with it keep working. */
    private static int choosePort(OptionalInt saved) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (saved.isPresent()) {
            try (ServerSocket probe = new ServerSocket(saved.getAsInt(), 1, loopback)) {
                return saved.getAsInt();
            } catch (IOException e) {
                log.info("Port {} of the embedded Redis is taken now; choosing another", saved.getAsInt());
            }
        }
        try (ServerSocket free = new ServerSocket(0, 1, loopback)) {
            return free.getLocalPort();
        }
    }
}
