package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopSettingsTest {
    @TempDir
    Path dir;

    private DesktopSettings resolve(Map<String, String> props, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(args),
                java.util.stream.Stream.of("--data-dir=" + dir)).toArray(String[]::new);
        Map<String, String> withSystem = new java.util.HashMap<>(props);
        withSystem.putIfAbsent("nowserving.system.settings", dir.resolve("etc").toString());
        return DesktopSettings.resolve(all, withSystem::get, name -> null);
    }

    @Test
    void theSystemWideFileIsBelowTheUsersFileAndTheFlags() {
        Path etc = dir.resolve("etc");
        new SettingsFile(etc).update(Map.of("backend", "http://system:8080", "language", "en", "branch", "from-system",
                "full-screen", "false"));
        new SettingsFile(dir).update(Map.of("branch", "from-user"));
        DesktopSettings s = resolve(Map.of(), "--language=zh-TW");
        assertEquals(Optional.of("http://system:8080"), s.backendUrl());
        assertEquals(Optional.of("from-user"), s.branch());
        assertEquals(Messages.TRADITIONAL_CHINESE, s.locale());
        assertFalse(s.fullScreen());
    }

    @Test
    void theUsersFileKeepsOnlyWhatDiffersFromTheSystemWideFile() {
        SettingsFile system = new SettingsFile(dir.resolve("etc"));
        system.update(Map.of("backend", "http://system:8080", "language", "zh-TW"));
        new SettingsFile(dir).update(Map.of("backend", "http://system:8080", "language", "en", "branch", "b"),
                system.read());
        assertEquals(Map.of("language", "en", "branch", "b"), new SettingsFile(dir).read());
        system.update(Map.of("backend", "http://moved:8080"));
        assertEquals(Optional.of("http://moved:8080"), resolve(Map.of()).backendUrl());
    }

    @Test
    void theSystemWideFileMayChooseTheDataDirectory() {
        Path shared = dir.resolve("shared");
        new SettingsFile(dir.resolve("etc")).update(Map.of("data-dir", shared.toString()));
        new SettingsFile(shared).update(Map.of("counter", "7"));
        DesktopSettings s = DesktopSettings.resolve(new String[0],
                Map.of("nowserving.system.settings", dir.resolve("etc").toString())::get, name -> null);
        assertEquals(shared, s.dataDir());
        assertEquals(Optional.of("7"), s.counter());
    }

    @Test
    void flagsWinOverPropertiesWhichWinOverTheSettingsFile() {
        new SettingsFile(dir).update(Map.of("branch", "from-file", "counter", "2", "backend", "http://file:8080"));
        DesktopSettings s = resolve(Map.of("nowserving.branch", "from-property"), "--backend=http://flag:9090");
        assertEquals(Optional.of("http://flag:9090"), s.backendUrl());
        assertEquals(Optional.of("from-property"), s.branch());
        assertEquals(Optional.of("2"), s.counter());
        assertEquals(Mode.LAUNCHER, s.mode());
    }

    @Test
    void modesLanguagesAndVoicesAreRead() {
        DesktopSettings s = resolve(Map.of(), "--mode=display", "--language=en", "--voices=en,zh-TW", "--screen=1");
        assertEquals(Mode.DISPLAY, s.mode());
        assertEquals(Locale.ENGLISH, s.locale());
        assertEquals(List.of(Locale.ENGLISH, Messages.TRADITIONAL_CHINESE), s.voices());
        assertEquals(1, s.screen());
        assertEquals(Messages.TRADITIONAL_CHINESE, resolve(Map.of(), "--language=zh-Hant-TW").locale());
    }

    @Test
    void badInputIsRefusedWithASentenceNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), "--mode=kiosk2"))
                .getMessage().contains("--mode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), "--backend=ftp://x"))
                .getMessage().contains("--backend"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), "--branch=Main!"))
                .getMessage().contains("--branch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), "--screen=x"))
                .getMessage().contains("--screen"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), "--colour=red"))
                .getMessage().contains("unknown option"));
    }

    @Test
    void theSettingsFileIsTheOwnersAloneAndTheTokenNeverDescribed() throws Exception {
        SettingsFile file = new SettingsFile(dir);
        file.update(Map.of("device-token", "secret-token-value", "branch", "main"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        DesktopSettings s = resolve(Map.of());
        assertEquals(Optional.of("secret-token-value"), s.deviceToken());
        assertFalse(s.describe().contains("secret-token-value"));
        assertFalse(s.toString().contains("secret-token-value"));
        file.update(java.util.Collections.singletonMap("device-token", null));
        assertEquals(Optional.empty(), resolve(Map.of()).deviceToken());
        assertEquals(Optional.of("main"), resolve(Map.of()).branch());
    }
}
