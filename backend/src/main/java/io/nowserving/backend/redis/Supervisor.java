package io.nowserving.backend.redis;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the current redis-server child and starts a new one when it dies unexpectedly, retrying
 * with a growing delay (up to 30 s) while starting fails. One named daemon thread; stopped by close().
 */
final class Supervisor {

    /** Starts a server and returns it once it answers; throws CancellationException once closed. */
    interface Launcher {
        Process launch() throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final int MAX_DELAY_SECONDS = 30;

    private final int port;
    private final Launcher launcher;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "embedded-redis-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile Process watched;

    Supervisor(int port, Launcher launcher) {
        this.port = port;
        this.launcher = launcher;
    }

    void watch(Process server) {
        watched = server;
        server.onExit().thenRunAsync(() -> exited(server), thread); // rejected, and so ignored, after close()
    }

    private void exited(Process server) {
        if (server != watched || thread.isShutdown()) {
            return;
        }
        log.warn("Embedded redis-server (pid {}) on port {} exited unexpectedly with code {}; restarting it on the same data",
                server.pid(), port, server.exitValue());
        restart(1);
    }

    private void restart(int attempt) {
        try {
            watch(launcher.launch());
        } catch (CancellationException closed) {
            return;
        } catch (IOException | RuntimeException e) {
            if (thread.isShutdown()) {
                return; // closing: the failure is the interrupted start
            }
            long delay = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(attempt, 5));
            log.error("Could not restart the embedded redis-server on port {} (attempt {}); trying again in {} s",
                    port, attempt, delay, e);
            thread.schedule(() -> restart(attempt + 1), delay, TimeUnit.SECONDS);
        }
    }

    /** Stops watching, interrupting a restart in progress; returns whether the caller was interrupted meanwhile. */
    boolean stop() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The embedded Redis supervisor thread did not stop within 30 s");
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
