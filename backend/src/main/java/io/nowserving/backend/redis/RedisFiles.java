package io.nowserving.backend.redis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The files of the embedded Redis under {@code <dataDir>/redis/}: password, redis.conf, the state file
 * naming the running server's pid and port, the logs, and the AOF that redis-server keeps there.
 * Files holding the password are owner-only where the file system is POSIX.
 */
final class RedisFiles {

    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{22,}");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    final Path dir;

    RedisFiles(Path dataDir) throws IOException {
        this.dir = dataDir.toAbsolutePath().normalize().resolve("redis");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        }
    }

    Path config() {
        return dir.resolve("redis.conf");
    }

    Path lock() {
        return dir.resolve("supervisor.lock");
    }

    Path console() {
        return dir.resolve("redis.out");
    }

    /** The password made on the first start (192 random bits, base64url), the same ever after. */
    String password() throws IOException {
        Path file = dir.resolve("password");
        if (Files.exists(file)) {
            String saved = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!PASSWORD.matcher(saved).matches()) {
                throw new IllegalStateException(file + " does not hold a password made by NowServing; "
                        + "stop the backend, delete that file and start again to make a new one");
            }
            return saved;
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        writeOwnerOnly(file, made + "\n");
        return made;
    }

    void writeConfig(int port, String password) throws IOException {
        // Redis 5.0 directives only: the Windows build is 5.0.14.
        String conf = String.join("\n",
                "# Written by NowServing at every start of its embedded Redis; edits here are overwritten.",
                "bind 127.0.0.1",
                "port " + port,
                "protected-mode yes",
                "daemonize no",
                "requirepass " + quote(password),
                "appendonly yes",
                "appendfsync always",
                "maxmemory-policy noeviction",
                "save \"\"",
                "dir " + quote(dir.toString()),
                "logfile " + quote(dir.resolve("redis.log").toString()),
                "pidfile " + quote(dir.resolve("redis.pid").toString()),
                "");
        writeOwnerOnly(config(), conf);
    }

    /** The port of the last server started here, if any. */
    OptionalInt port() throws IOException {
        String v = state().getProperty("port");
        return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
    }

    /** The pid of the server last known to run here; empty after a clean close. */
    OptionalLong pid() throws IOException {
        String v = state().getProperty("pid");
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    /** When the state file was last written, to tell our pid from a later process that reused it. */
    Optional<Instant> stateWritten() throws IOException {
        Path file = dir.resolve("server.properties");
        return Files.exists(file) ? Optional.of(Files.getLastModifiedTime(file).toInstant()) : Optional.empty();
    }

    /** Records the server; {@code pid} &lt; 0 records the port alone (nothing running). */
    void writeState(int port, long pid) throws IOException {
        StringBuilder s = new StringBuilder("port=").append(port).append('\n');
        if (pid >= 0) {
            s.append("pid=").append(pid).append('\n');
        }
        writeOwnerOnly(dir.resolve("server.properties"), s.toString());
    }

    /** The last lines redis-server wrote, for an error message. */
    String logTail() {
        return tail(dir.resolve("redis.log")) + tail(console());
    }

    private Properties state() throws IOException {
        Properties p = new Properties();
        Path file = dir.resolve("server.properties");
        if (Files.exists(file)) {
            try (var reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
                p.load(reader);
            }
        }
        return p;
    }

    private void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", ownerOnly("rw-------"));
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String perms) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String tail(Path file) {
        try (SeekableByteChannel ch = Files.exists(file) ? Files.newByteChannel(file) : null) {
            if (ch == null || ch.size() == 0) {
                return "";
            }
            long start = Math.max(0, ch.size() - 2048);
            ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - start));
            ch.position(start);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read to the end
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            return "\n--- end of " + file.getFileName() + " ---\n" + (start > 0 ? text.substring(text.indexOf('\n') + 1) : text);
        } catch (IOException e) {
            return "\n(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
