package io.nowserving.desktop.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The installers' one list of launchers (installers/desktop/launchers.txt) keeps up with the modes. */
class PackagedLaunchersTest {
    private static final Path LIST = Path.of("..", "installers", "desktop", "launchers.txt");

    private static List<String[]> lines() throws Exception {
        return Files.readAllLines(LIST).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+", 5)).toList();
    }

    @Test
    void everyModeHasAPackagedLauncherAndTheFirstIsTheLauncher() throws Exception {
        List<String[]> lines = lines();
        Set<String> listed = lines.stream().map(l -> l[0]).collect(Collectors.toSet());
        for (Mode m : Mode.values()) {
            assertTrue(listed.contains(m.flag()), "launchers.txt has no line for --mode=" + m.flag());
        }
        assertEquals(Mode.LAUNCHER.flag(), lines.get(0)[0]);
        for (String[] l : lines) {
            assertEquals(5, l.length, "mode, file name, colour, autostart, names: " + Arrays.toString(l));
            assertTrue(l[1].matches("NowServing(-[A-Z][a-z]+)?"), l[1]);
            assertTrue(l[2].matches("[0-9a-f]{6}"), l[2]);
            assertTrue(l[3].matches("yes|no"), l[3]);
            assertTrue(l[4].contains("|"), "English | Traditional Chinese: " + l[4]);
        }
    }
}
