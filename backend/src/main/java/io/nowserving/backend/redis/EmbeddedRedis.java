package io.nowserving.backend.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
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

    private final RedisFiles files;
    private final DataDirLock lock;
    private final String password;
    private final int port;
    private final Supervisor supervisor;
    private final Object guard = new Object();
    private Process process; // guarded
    private boolean closed; // guarded

    private EmbeddedRedis(RedisFiles files, DataDirLock lock, String password, int port) {
        this.files = files;
        this.lock = lock;
        this.password = password;
        this.port = port;
        this.supervisor = new Supervisor(port, this::launch);
    }

    /** Starts (or, after a crash, restarts) the server of {@code dataDir}, the backend's NOWSERVING_DATA_DIR. */
    public static EmbeddedRedis start(Path dataDir) throws IOException {
        RedisFiles files = new RedisFiles(dataDir);
        DataDirLock lock = DataDirLock.acquire(files.lock(), dataDir);
        EmbeddedRedis redis;
        try {
            String password = files.password();
            LeftoverServer.stopIfRunning(files, password);
            redis = new EmbeddedRedis(files, lock, password, ServerProcess.choosePort(files.port()));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            redis.supervisor.watch(redis.launch());
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

    private Process launch() throws IOException {
        files.writeConfig(port, password);
        files.writeState(port, -1);
        Process p;
        synchronized (guard) {
            if (closed) {
                throw new CancellationException("the embedded Redis of " + files.dir + " is closed");
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
        return p;
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
        // an interrupted caller still gets a clean SHUTDOWN; the flag is restored at the end
        boolean interrupted = Thread.interrupted() | supervisor.stop();
        try {
            Process p;
            synchronized (guard) {
                p = process;
            }
            if (p != null && p.isAlive()) {
                ServerProcess.stop(p.toHandle(), port, password);
                log.info("Embedded redis-server (pid {}) shut down", p.pid());
            }
            files.writeState(port, -1);
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

    @Override
    public String toString() {
        return "EmbeddedRedis[127.0.0.1:" + port + ", " + files.dir + "]";
    }
}
