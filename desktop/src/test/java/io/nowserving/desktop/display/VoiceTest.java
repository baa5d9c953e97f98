package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Clip;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.WavDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceTest {
    private static final Call A023 = new Call("A023", "3", 0, false);

    @TempDir
    Path dataDir;

    @Test
    void a023AtCounter3IsReadCharacterByCharacterInChineseThenEnglish() {
        Voice voice = new Voice(dataDir.resolve("clips"), List.of(Messages.TRADITIONAL_CHINESE, Locale.ENGLISH));
        List<Clip> clips = voice.announce(A023);
        assertEquals(List.of("chime",
                        "word-number", "a", "0", "2", "3", "word-hao", "word-counter", "3", "word-counter-end",
                        "word-number", "a", "0", "2", "3", "word-counter", "3"),
                clips.stream().map(Clip::name).toList());
        assertTrue(clips.get(1).url().toString().contains("/clips/zh-TW/word-number.wav"), clips.get(1).url()::toString);
        assertTrue(clips.get(10).url().toString().contains("/clips/en/word-number.wav"), clips.get(10).url()::toString);
    }

    @Test
    void everyClipAnyTicketCanNeedShipsInBothLanguages() {
        Voice voice = new Voice(dataDir.resolve("clips"), List.of(Messages.TRADITIONAL_CHINESE, Locale.ENGLISH));
        for (Clip c : voice.announce(new Call("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", 0, false))) {
            assertTrue(WavDuration.millis(c.url(), -1) > 0, c.url()::toString);
        }
    }

    @Test
    void theOperatorsFileOfTheSameNameWins() throws Exception {
        Path mine = dataDir.resolve("clips/en/3.wav");
        Files.createDirectories(mine.getParent());
        Files.copy(Voice.class.getResourceAsStream("clips/en/chime.wav"), mine);
        List<Clip> clips = new Voice(dataDir.resolve("clips"), List.of(Locale.ENGLISH)).announce(A023);
        assertEquals(mine.toUri().toURL(), clips.get(5).url());
        assertEquals("3", clips.get(5).name());
        assertTrue(clips.get(4).url().toString().contains("/clips/en/2.wav"), "the others still ship");
    }

    @Test
    void aDisplayWithoutVoicesStaysSilent() {
        assertEquals(List.of(), new Voice(dataDir, List.of()).announce(A023));
    }
}
