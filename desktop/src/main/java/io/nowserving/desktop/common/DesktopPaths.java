package io.nowserving.desktop.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where the desktop program keeps things by default, per OS: the user's data directory (settings file, the
 * all-in-one launcher's backend data, sound clips) and the folder of the system-wide settings file that an
 * installer or IT person fills in. Computed from the given system properties and environment, so tests choose them.
 */
public final class DesktopPaths {
    static final String LEGACY_DIR = ".nowserving";

    private DesktopPaths() {
    }

    /**
     * {@code $XDG_DATA_HOME/nowserving} (else {@code ~/.local/share/nowserving}) on Linux,
     * {@code %LOCALAPPDATA%\NowServing} on Windows, {@code ~/Library/Application Support/NowServing} on macOS; but
     * {@code ~/.nowserving} while it holds the settings file of an earlier version, so no shop loses its data.
     */
    public static Path userData(Function<String, String> property, Function<String, String> env) {
        Path home = Path.of(value(property, "user.home"));
        if (Files.isRegularFile(home.resolve(LEGACY_DIR).resolve(SettingsFile.NAME))) {
            return home.resolve(LEGACY_DIR);
        }
        switch (os(property)) {
            case WINDOWS: {
                String local = env.apply("LOCALAPPDATA");
                return (local == null || local.isBlank() ? home.resolve("AppData").resolve("Local") : Path.of(local))
                        .resolve("NowServing");
            }
            case MAC:
                return home.resolve("Library").resolve("Application Support").resolve("NowServing");
            default: {
                String xdg = env.apply("XDG_DATA_HOME");
                // the XDG spec: a relative value is invalid and is ignored
                Path base = xdg == null || !Path.of(xdg).isAbsolute() ? home.resolve(".local").resolve("share")
                        : Path.of(xdg);
                return base.resolve("nowserving");
            }
        }
    }

    /**
     * The folder of the system-wide {@code desktop.properties}: {@code -Dnowserving.system.settings} when given,
     * else {@code /etc/nowserving} on Linux, {@code %ProgramData%\NowServing} on Windows,
     * {@code /Library/Application Support/NowServing} on macOS.
     */
    public static Path systemSettings(Function<String, String> property, Function<String, String> env) {
        String given = property.apply("nowserving.system.settings");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        switch (os(property)) {
            case WINDOWS: {
                String data = env.apply("ProgramData");
                return Path.of(data == null || data.isBlank() ? "C:\\ProgramData" : data).resolve("NowServing");
            }
            case MAC:
                return Path.of("/Library/Application Support/NowServing");
            default:
                return Path.of("/etc/nowserving");
        }
    }

    private enum Os { LINUX, WINDOWS, MAC }

    private static Os os(Function<String, String> property) {
        String name = value(property, "os.name").toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? Os.WINDOWS : name.startsWith("mac") ? Os.MAC : Os.LINUX;
    }

    /** A JVM property from {@code property}, else this JVM's own (tests hand in maps without them). */
    private static String value(Function<String, String> property, String key) {
        String v = property.apply(key);
        return v != null ? v : System.getProperty(key);
    }
}
