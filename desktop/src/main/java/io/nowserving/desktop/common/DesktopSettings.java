package io.nowserving.desktop.common;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The desktop apps' settings, resolved once at start from the command line ({@code --backend=URL}), then
 * {@code -Dnowserving.backend=URL} (or the environment variable {@code NOWSERVING_BACKEND}), then the user's settings
 * file in the data directory, then the system-wide settings file ({@link DesktopPaths#systemSettings}), then
 * defaults; validated, and described once for the log with secrets masked.
 *
 * @param mode       what to open ({@code --mode=launcher|counter|display|kiosk|admin})
 * @param backendUrl the backend to use; empty: the launcher starts one in-process
 * @param branch     the branch a counter or display shows
 * @param counter    the counter the console last used
 * @param deviceToken the display's device token (from pairing; a secret)
 * @param locale     the language of the screens ({@code --language=zh-TW|en}; the system's by default)
 * @param screen     the monitor a display goes full screen on (0 = the primary)
 * @param fullScreen whether a display takes the whole monitor
 * @param voices     the languages calls are announced in, in order ({@code --voices=zh-TW,en}; empty: silent)
 * @param dataDir    where the settings file, the in-process backend's data and replacement sound clips live
 *                   ({@link DesktopPaths#userData} by default)
 * @param printer    the kiosk's receipt printer: {@code none}, {@code system:<print service name>},
 *                   {@code file:<device path>} (serial/USB, e.g. {@code /dev/usb/lp0}) or {@code tcp:<host>:<port>}
 */
public record DesktopSettings(Mode mode, Optional<String> backendUrl, Optional<String> branch, Optional<String> counter,
                              Optional<String> deviceToken, Locale locale, int screen, boolean fullScreen,
                              List<Locale> voices, Path dataDir, String printer) {
    public static final List<String> KEYS = List.of("mode", "backend", "branch", "counter", "device-token",
            "language", "screen", "full-screen", "voices", "data-dir", "printer");
    private static final Pattern PRINTER = Pattern.compile("none|system:.+|file:.+|tcp:[^:]+:[0-9]{1,5}");
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");

    public DesktopSettings {
        backendUrl.ifPresent(DesktopSettings::checkUrl);
        branch.ifPresent(b -> checkId("branch", b));
        counter.ifPresent(c -> checkId("counter", c));
        if (screen < 0) {
            throw new IllegalArgumentException("--screen must be 0 or more, not " + screen);
        }
        voices = List.copyOf(voices);
        if (!PRINTER.matcher(printer).matches()) {
            throw new IllegalArgumentException("--printer must be none, system:<name>, file:<path> or "
                    + "tcp:<host>:<port>, not '" + printer + "'");
        }
    }

    /** Settings without a receipt printer (every app but the kiosk). */
    public DesktopSettings(Mode mode, Optional<String> backendUrl, Optional<String> branch, Optional<String> counter,
                           Optional<String> deviceToken, Locale locale, int screen, boolean fullScreen,
                           List<Locale> voices, Path dataDir) {
        this(mode, backendUrl, branch, counter, deviceToken, locale, screen, fullScreen, voices, dataDir, "none");
    }

    /**
     * Resolves the settings: {@code args} ({@code --key=value}), then {@code property} (system properties
     * {@code nowserving.<key>} with dots for dashes), then {@code env} ({@code NOWSERVING_<KEY>}), then the user's
     * file, then the system-wide file.
     */
    public static DesktopSettings resolve(String[] args, Function<String, String> property,
                                          Function<String, String> env) {
        Map<String, String> flags = parseArgs(args);
        Map<String, String> given = new HashMap<>();
        for (String key : KEYS) {
            String v = flags.get(key);
            if (v == null) {
                v = property.apply("nowserving." + key.replace('-', '.'));
            }
            if (v == null) {
                v = env.apply("NOWSERVING_" + key.replace('-', '_').toUpperCase(Locale.ROOT));
            }
            if (v != null) {
                given.put(key, v);
            }
        }
        Map<String, String> merged = new SettingsFile(DesktopPaths.systemSettings(property, env)).read();
        Path dataDir = Path.of(given.getOrDefault("data-dir", merged.getOrDefault("data-dir",
                DesktopPaths.userData(property, env).toString())));
        merged.putAll(new SettingsFile(dataDir).read());
        merged.putAll(given);
        return fromMap(merged, dataDir);
    }

    static DesktopSettings fromMap(Map<String, String> m, Path dataDir) {
        String lang = m.get("language");
        Locale locale = Messages.supported(lang == null ? Locale.getDefault() : Locale.forLanguageTag(lang));
        List<Locale> voices = new ArrayList<>();
        for (String v : m.getOrDefault("voices", "zh-TW,en").split(",")) {
            if (!v.isBlank()) {
                voices.add(Messages.supported(Locale.forLanguageTag(v.trim())));
            }
        }
        return new DesktopSettings(Mode.fromFlag(m.getOrDefault("mode", "launcher")),
                optional(m.get("backend")), optional(m.get("branch")), optional(m.get("counter")),
                optional(m.get("device-token")), locale, parseInt("screen", m.getOrDefault("screen", "0")),
                Boolean.parseBoolean(m.getOrDefault("full-screen", "true")), voices, dataDir,
                m.getOrDefault("printer", "none").trim());
    }

    /** Parses {@code --key=value} flags; anything else is refused with a sentence naming it. */
    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3 || !KEYS.contains(a.substring(2, eq))) {
                throw new IllegalArgumentException("unknown option '" + a + "'; options: --"
                        + String.join("=…, --", KEYS) + "=…");
            }
            flags.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return flags;
    }

    public SettingsFile file() {
        return new SettingsFile(dataDir);
    }

    public DesktopSettings withMode(Mode m) {
        return new DesktopSettings(m, backendUrl, branch, counter, deviceToken, locale, screen, fullScreen, voices,
                dataDir, printer);
    }

    public DesktopSettings withBackend(String url) {
        return new DesktopSettings(mode, Optional.of(url), branch, counter, deviceToken, locale, screen, fullScreen,
                voices, dataDir, printer);
    }

    public DesktopSettings withBranch(String b) {
        return new DesktopSettings(mode, backendUrl, Optional.ofNullable(b), counter, deviceToken, locale, screen,
                fullScreen, voices, dataDir, printer);
    }

    public DesktopSettings withDeviceToken(String token) {
        return new DesktopSettings(mode, backendUrl, branch, counter, Optional.ofNullable(token), locale, screen,
                fullScreen, voices, dataDir, printer);
    }

    public DesktopSettings withScreen(int s) {
        return new DesktopSettings(mode, backendUrl, branch, counter, deviceToken, locale, s, fullScreen, voices,
                dataDir, printer);
    }

    public DesktopSettings withLocale(Locale l) {
        return new DesktopSettings(mode, backendUrl, branch, counter, deviceToken, Messages.supported(l), screen,
                fullScreen, voices, dataDir, printer);
    }

    /** One line for the log: every setting, the device token masked. */
    public String describe() {
        return "mode=" + mode.flag() + " backend=" + backendUrl.orElse("(in-process)") + " branch="
                + branch.orElse("-") + " counter=" + counter.orElse("-") + " device-token="
                + (deviceToken.isPresent() ? "****" : "-") + " language=" + locale.toLanguageTag() + " screen="
                + screen + " full-screen=" + fullScreen + " voices=" + voices + " data-dir=" + dataDir + " printer="
                + printer;
    }

    @Override
    public String toString() {
        return "DesktopSettings[" + describe() + "]";
    }

    private static Optional<String> optional(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + v + "'", e);
        }
    }

    private static void checkUrl(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--backend must be a URL such as http://192.168.1.20:8080, not '"
                    + url + "'", e);
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("--backend must be a URL such as http://192.168.1.20:8080, not '"
                    + url + "'");
        }
    }

    private static void checkId(String name, String v) {
        if (!ID.matcher(v).matches()) {
            throw new IllegalArgumentException("--" + name + " must be 1 to 32 of a-z, 0-9 and '-', not '" + v + "'");
        }
    }
}
