package io.nowserving.backend.redis;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a process still runs, counting a zombie as gone. A redis-server orphaned by a killed JVM is
 * reaped by init, sometimes seconds after it exits (and never under an init that does not reap), and
 * {@link ProcessHandle#isAlive()} calls a zombie alive; its onExit() also polls non-children only every
 * 300 ms and more.
 */
final class ProcessExit {

    private ProcessExit() {
    }

    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            // "pid (comm) S …": the state follows the last ')', as comm may hold anything
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (Windows, macOS), or the process just went
        }
    }

    /** Waits up to {@code timeout} for {@code process} to stop running; true if it did. */
    static boolean await(ProcessHandle process, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for pid " + process.pid() + " to exit");
            }
        }
        return true;
    }
}
