package io.nowserving.backend.auth;

import io.nowserving.backend.ids.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first user, {@code admin}, an owner, made when there are no users: with NOWSERVING_ADMIN_PASSWORD, or with
 * a generated password written to a file only the service's user can read (only its path is printed) that must
 * be changed at first sign-in. There is no default password.
 */
final class FirstOwner {
    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstOwner.class);

    private final Path file;

    FirstOwner(Path dataDir) {
        this.file = AuthService.generatedPasswordFile(dataDir);
    }

    void ensure(UserRepository users, Passwords passwords, Ids ids, Clock clock, Optional<String> configured) {
        if (!users.isEmpty()) {
            return;
        }
        String password = configured.orElseGet(ids::token);
        User admin = new User(ids.ulid(), USERNAME, passwords.hash(password), io.nowserving.backend.web.Caller.Kind.OWNER,
                Set.of(), false, configured.isEmpty());
        if (!users.insert(admin, clock.instant())) {
            return; // another instance made it first
        }
        if (configured.isPresent()) {
            log.info("created the first user '{}' (an owner) with the password from NOWSERVING_ADMIN_PASSWORD", USERNAME);
            return;
        }
        try {
            writePrivately(password);
        } catch (IOException | RuntimeException e) {
            users.delete(admin.id()); // nobody could ever sign in: try again at the next start
            throw new UncheckedIOException("could not write the generated password to " + file,
                    e instanceof IOException io ? io : new IOException(e));
        }
        log.info("created the first user '{}' (an owner); its generated password is in {} (readable only by this"
                + " user) and must be changed at first sign-in", USERNAME, file.toAbsolutePath());
    }

    /** After the first owner chose a password, the generated one is of no use: its file goes. */
    void passwordChanged(String username) {
        if (USERNAME.equals(username)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete {}: {}", file, e.toString());
            }
        }
    }

    private void writePrivately(String password) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            java.io.File f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
        Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
