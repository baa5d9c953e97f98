package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.WaitEstimate;

/** An estimated wait in words, as a range of whole minutes ("5–10 min"), never falsely precise. */
final class WaitText {
    private WaitText() {
    }

    static String of(Messages words, WaitEstimate e) {
        if (e == null) {
            return words.get("wait.unknown");
        }
        long min = e.minSeconds() / 60;
        long max = (e.maxSeconds() + 59) / 60;
        if (max <= 0) {
            return words.get("wait.none");
        }
        if (min >= max) {
            return words.get("wait.about", max);
        }
        return words.get("wait.range", min, max);
    }
}
