package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopPathsTest {
    @TempDir
    Path home;

    private Path userData(String os, Map<String, String> env) {
        return DesktopPaths.userData(Map.of("os.name", os, "user.home", home.toString())::get, env::get);
    }

    @Test
    void linuxKeepsDataUnderXdgDataHomeOrLocalShare() {
        Path xdg = home.resolve("xdg");
        assertEquals(xdg.resolve("nowserving"), userData("Linux", Map.of("XDG_DATA_HOME", xdg.toString())));
        assertEquals(home.resolve(".local/share/nowserving"), userData("Linux", Map.of()));
        assertEquals(home.resolve(".local/share/nowserving"), userData("Linux", Map.of("XDG_DATA_HOME", "rel")));
    }

    @Test
    void windowsUsesLocalAppDataAndMacApplicationSupport() {
        Path local = home.resolve("AppData-Local");
        assertEquals(local.resolve("NowServing"), userData("Windows 11", Map.of("LOCALAPPDATA", local.toString())));
        assertEquals(home.resolve("AppData").resolve("Local").resolve("NowServing"), userData("Windows 10", Map.of()));
        assertEquals(home.resolve("Library").resolve("Application Support").resolve("NowServing"),
                userData("Mac OS X", Map.of()));
    }

    @Test
    void anEarlierVersionsDataDirectoryIsKeptWhileItHoldsTheSettings() throws Exception {
        Path legacy = home.resolve(".nowserving");
        Files.createDirectories(legacy);
        assertEquals(home.resolve(".local/share/nowserving"), userData("Linux", Map.of()));
        new SettingsFile(legacy).update(Map.of("branch", "main"));
        assertEquals(legacy, userData("Linux", Map.of()));
        assertEquals(legacy, userData("Windows 11", Map.of()));
    }

    @Test
    void theSystemWideSettingsFolderPerOsOrAsGiven() {
        assertEquals(Path.of("/etc/nowserving"), DesktopPaths.systemSettings(Map.of("os.name", "Linux")::get,
                k -> null));
        assertEquals(Path.of("/Library/Application Support/NowServing"),
                DesktopPaths.systemSettings(Map.of("os.name", "Mac OS X")::get, k -> null));
        assertEquals(Path.of("D:\\Data").resolve("NowServing"), DesktopPaths.systemSettings(
                Map.of("os.name", "Windows 11")::get, Map.of("ProgramData", "D:\\Data")::get));
        assertEquals(home, DesktopPaths.systemSettings(Map.of("os.name", "Linux", "nowserving.system.settings",
                home.toString())::get, k -> null));
    }
}
