package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.WaitEstimate;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Numbers, durations, shares and times as the admin app writes them, in the chosen language. */
final class AdminText {
    private final Messages words;

    AdminText(Messages words) {
        this.words = words;
    }

    /** "—" for nothing (no data), else e.g. "4 min 05 s" or "45 s". */
    String duration(Number seconds) {
        if (seconds == null) {
            return words.get("none");
        }
        long s = Math.max(0, Math.round(seconds.doubleValue()));
        return s < 60 ? words.get("duration.seconds", s) : words.get("duration.minutes", s / 60, s % 60);
    }

    /** A share (0..1) as a percentage, "—" for nothing. */
    String percent(Double share) {
        if (share == null) {
            return words.get("none");
        }
        NumberFormat f = NumberFormat.getPercentInstance(words.locale());
        f.setMaximumFractionDigits(1);
        return f.format(share);
    }

    String number(long n) {
        return NumberFormat.getIntegerInstance(words.locale()).format(n);
    }

    /** A shown wait range in whole minutes, "—" for none. */
    String estimate(WaitEstimate e) {
        if (e == null) {
            return words.get("none");
        }
        return words.get("estimate.range", Math.round(e.minSeconds() / 60.0), Math.round(e.maxSeconds() / 60.0));
    }

    /** A date and time in the branch's zone, "" for null. */
    String dateTime(Long epochMs, ZoneId zone) {
        if (epochMs == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(words.locale())
                .format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    String words(String key, Object... args) {
        return words.get(key, args);
    }
}
