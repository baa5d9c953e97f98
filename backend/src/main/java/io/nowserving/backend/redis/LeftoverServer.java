package io.nowserving.backend.redis;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a redis-server that a previous backend on this data directory left running (its JVM was
 * killed before it could close) and stops it, so that exactly one server ever writes the AOF here.
 * A server is ours when the recorded port answers our password and reports our redis.conf. A recorded
 * pid is killed without asking only when nothing answers on the recorded port at all (a hung or stopped
 * server) and it is a redis-server started before the state file was written (so not a later process
 * that reused the pid).
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private LeftoverServer() {
    }

    static void stopIfRunning(RedisFiles files, String password) throws IOException {
        OptionalInt port = files.port();
        if (port.isPresent()) {
            ServerProcess.Probe probe = ServerProcess.probe(port.getAsInt(), password, files.config());
            if (probe.ours()) {
                log.info("A redis-server left running by a previous backend (pid {}, port {}) still serves {}; "
                        + "shutting it down to start a supervised one on the same data", probe.pid(), port.getAsInt(), files.dir);
                Optional<ProcessHandle> server = ProcessHandle.of(probe.pid());
                if (server.isPresent()) {
                    ServerProcess.stop(server.get(), port.getAsInt(), password);
                }
                return;
            }
            if (probe.status() == ServerProcess.Probe.Status.NOT_OURS) {
                return; // the port now belongs to another server, which the recorded pid may well be
            }
        }
        OptionalLong pid = files.pid();
        Optional<ProcessHandle> recorded = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        if (recorded.isEmpty() || !ProcessExit.isRunning(recorded.get())) {
            return;
        }
        ProcessHandle server = recorded.get();
        if (!isOurRedisServer(server, files.stateWritten())) {
            log.info("The state file in {} names pid {}, which is not our redis-server now; leaving it alone",
                    files.dir, server.pid());
            return;
        }
        log.warn("redis-server pid {} left running by a previous backend does not answer on port {}; "
                + "killing it (appendfsync always kept every acknowledged write)", server.pid(), port.orElse(-1));
        server.destroyForcibly();
        if (!ProcessExit.await(server, Duration.ofSeconds(30))) {
            throw new IllegalStateException("redis-server pid " + server.pid() + " left by a previous backend on "
                    + files.dir + " could not be stopped; stop it by hand and start again");
        }
    }

    private static boolean isOurRedisServer(ProcessHandle process, Optional<Instant> stateWritten) {
        ProcessHandle.Info info = process.info();
        boolean redis = info.command().or(info::commandLine)
                .map(c -> c.toLowerCase(Locale.ROOT).contains("redis-server"))
                .orElse(false);
        // the start time is only known to about a second (Linux derives it from the boot time in seconds)
        boolean startedBefore = info.startInstant().isEmpty() || stateWritten.isEmpty()
                || !info.startInstant().get().isAfter(stateWritten.get().plusSeconds(2));
        return redis && startedBefore;
    }
}
