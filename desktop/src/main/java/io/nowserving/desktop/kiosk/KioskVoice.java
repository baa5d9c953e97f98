package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.Clip;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the kiosk says in accessible mode, from the recorded clips the display ships (a chime, "number", "號",
 * letters and digits) and two sentences of its own made beside them by {@code desktop/tools/make-clips.sh}
 * ({@code prompt-choose}: choose a service, the buttons are low on the screen; {@code prompt-wait}: wait until
 * your number is called), in the customer's language.
 */
final class KioskVoice {
    /** The display's clips; a resource path, not a class, so the apps stay independent of each other. */
    private static final String CLIPS = "/io/nowserving/desktop/display/clips/";

    private KioskVoice() {
    }

    /** Accessible mode turned on, or the start screen again: the chime, the sentence, each open service's letter. */
    static List<Clip> prompt(List<ServiceChoice> services, Locale locale) {
        String folder = folder(locale);
        List<Clip> clips = new ArrayList<>();
        clips.add(clip(folder, "chime"));
        clips.add(clip(folder, "prompt-choose"));
        for (ServiceChoice s : services) {
            if (s.available()) {
                clips.addAll(characters(folder, s.prefix()));
            }
        }
        return clips;
    }

    /** A ticket taken: "number A 0 0 1" (English) or "A 0 0 1 號" with the leading word (Chinese), then "wait". */
    static List<Clip> ticket(String number, Locale locale) {
        String folder = folder(locale);
        List<Clip> clips = new ArrayList<>();
        clips.add(clip(folder, "chime"));
        clips.add(clip(folder, "word-number"));
        clips.addAll(characters(folder, number));
        if ("zh-TW".equals(folder)) {
            clips.add(clip(folder, "word-hao"));
        }
        clips.add(clip(folder, "prompt-wait"));
        return clips;
    }

    private static List<Clip> characters(String folder, String s) {
        List<Clip> clips = new ArrayList<>();
        for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                clips.add(clip(folder, String.valueOf(ch)));
            }
        }
        return clips;
    }

    private static String folder(Locale l) {
        return "zh".equals(l.getLanguage()) ? "zh-TW" : "en";
    }

    private static Clip clip(String folder, String name) {
        URL url = KioskVoice.class.getResource(CLIPS + folder + "/" + name + ".wav");
        if (url == null) {
            throw new IllegalStateException("missing clip " + folder + "/" + name);
        }
        return new Clip(name, url);
    }
}
