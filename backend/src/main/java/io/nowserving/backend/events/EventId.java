package io.nowserving.backend.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A position in a branch's event sequence: the SSE id {@code <epoch>.<seq>}. */
public record EventId(String epoch, long seq) {
    private static final Pattern FORM = Pattern.compile("([0-9a-z]{1,32})\\.(\\d{1,18})");

    /** The id a client sent, or empty when absent or malformed (such a client gets a snapshot). */
    public static Optional<EventId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim());
        return m.matches() ? Optional.of(new EventId(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
    }

    public boolean sameEpoch(EventId other) {
        return other != null && epoch.equals(other.epoch);
    }

    @Override
    public String toString() {
        return epoch + "." + seq;
    }
}
