package io.nowserving.desktop.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The small settings file of the desktop apps ({@code desktop.properties} in the data directory): the choices the
 * launcher remembers and a paired device's token, so readable by its owner only (POSIX {@code rw-------}). Written
 * whole to a temporary file and moved over the old one, so a crash never leaves half a file.
 */
public final class SettingsFile {
    public static final String NAME = "desktop.properties";

    private final Path path;

    public SettingsFile(Path dataDir) {
        this.path = dataDir.resolve(NAME);
    }

    public Path path() {
        return path;
    }

    /** What the file holds; empty when there is no file yet. */
    public Map<String, String> read() {
        Map<String, String> values = new TreeMap<>();
        if (!Files.isRegularFile(path)) {
            return values;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }

    /**
     * As {@link #update(Map)}, but a value equal to {@code inherited}'s (the system-wide file's) is removed rather
     * than written, so that a later change of the system-wide file still reaches this user.
     */
    public void update(Map<String, String> changes, Map<String, String> inherited) {
        Map<String, String> own = new java.util.HashMap<>(changes);
        own.replaceAll((k, v) -> v != null && v.equals(inherited.get(k)) ? null : v);
        update(own);
    }

    /** Sets {@code changes} over what the file holds (a null value removes the key) and writes it back. */
    public synchronized void update(Map<String, String> changes) {
        Map<String, String> values = read();
        changes.forEach((k, v) -> {
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
        });
        Properties p = new Properties();
        p.putAll(values);
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(NAME + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "NowServing desktop settings (the device token is a secret: keep this file private)");
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path, e);
        }
    }
}
