package io.nowserving.backend.redis;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervisor's claim on a data directory: an OS file lock held for the life of the supervisor.
 * The OS drops it when the JVM dies, even by kill -9, and redis-server never inherits it, so a stale
 * lock cannot outlive its owner. Claims within this JVM are checked in a set first: on Linux, closing
 * a second channel to the file would silently release the first channel's lock.
 */
final class DataDirLock implements AutoCloseable {

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path file, Path dataDir) throws IOException {
        Path lockFile = file.getParent().toRealPath().resolve(file.getFileName());
        if (!HELD_HERE.add(lockFile)) {
            throw inUse(dataDir);
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(dataDir);
            }
            return new DataDirLock(lockFile, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(lockFile);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static IllegalStateException inUse(Path dataDir) {
        return new IllegalStateException("data directory " + dataDir + " is in use by another NowServing backend; "
                + "give each instance its own NOWSERVING_DATA_DIR or point them at one REDIS_URL");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD_HERE.remove(lockFile);
        }
    }
}
