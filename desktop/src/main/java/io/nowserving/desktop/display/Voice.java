package io.nowserving.desktop.display;

import io.nowserving.desktop.common.Clip;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Composes an announcement from clips: the chime, then per language the ticket number read character by character
 * and the counter ("Number A, zero, two, three, please go to counter 3" / "來賓 A 零 二 三 號，請到 3 號櫃檯").
 * Clips ship in the app ({@code clips/<en|zh-TW>/}); a file of the same name in {@code <dataDir>/clips/<lang>/}
 * replaces one.
 */
public final class Voice {
    private final Path overrides;
    private final List<Locale> languages;

    /** @param overrides the operator's folder ({@code <dataDir>/clips}); need not exist */
    public Voice(Path overrides, List<Locale> languages) {
        this.overrides = overrides;
        this.languages = List.copyOf(languages);
    }

    /** Everything to play for {@code call}; nothing when the display has no voices. */
    public List<Clip> announce(Call call) {
        List<Clip> clips = new ArrayList<>();
        if (languages.isEmpty()) {
            return clips;
        }
        clips.add(clip(folder(languages.get(0)), "chime"));
        for (Locale l : languages) {
            String folder = folder(l);
            for (String name : names(folder, call)) {
                clips.add(clip(folder, name));
            }
        }
        return clips;
    }

    /** The clip names for one language folder ({@code en} or {@code zh-TW}). */
    static List<String> names(String folder, Call call) {
        List<String> n = new ArrayList<>();
        n.add("word-number");
        n.addAll(characters(call.number()));
        if ("zh-TW".equals(folder)) {
            n.add("word-hao");
            n.add("word-counter");
            n.addAll(characters(call.counter()));
            n.add("word-counter-end");
        } else {
            n.add("word-counter");
            n.addAll(characters(call.counter()));
        }
        return n;
    }

    static String folder(Locale l) {
        return "zh".equals(l.getLanguage()) ? "zh-TW" : "en";
    }

    private static List<String> characters(String s) {
        List<String> n = new ArrayList<>();
        for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                n.add(String.valueOf(ch));
            }
        }
        return n;
    }

    Clip clip(String folder, String name) {
        Path own = overrides.resolve(folder).resolve(name + ".wav");
        try {
            if (Files.isRegularFile(own)) {
                return new Clip(name, own.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad clip path " + own, e);
        }
        URL shipped = Voice.class.getResource("clips/" + folder + "/" + name + ".wav");
        if (shipped == null) {
            throw new IllegalStateException("missing clip " + folder + "/" + name);
        }
        return new Clip(name, shipped);
    }
}
