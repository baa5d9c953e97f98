package io.nowserving.shared.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a feed stands ({@code <epoch>.<seq>} of the last thing delivered) and what to do with the next frame:
 * deliver it, skip it (already delivered), or reconnect from here (a frame out of order: the server fills the gap
 * or sends a snapshot). This is what makes the client never deliver an event twice or out of order.
 */
final class FeedCursor {
    private static final Pattern ID = Pattern.compile("([0-9a-z]{1,32})\\.(\\d{1,18})");

    enum Decision { DELIVER, SKIP, RESYNC }

    private String epoch;
    private long seq;

    FeedCursor(String lastEventId) {
        Matcher m = lastEventId == null ? null : ID.matcher(lastEventId);
        if (m != null && m.matches()) {
            epoch = m.group(1);
            seq = Long.parseLong(m.group(2));
        }
    }

    /** The id to resume from, when anything was delivered (or given at the start). */
    Optional<String> lastEventId() {
        return epoch == null ? Optional.empty() : Optional.of(epoch + "." + seq);
    }

    Decision accept(String type, String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches()) {
            return Decision.RESYNC;
        }
        String e = m.group(1);
        long s = Long.parseLong(m.group(2));
        if ("snapshot".equals(type)) {
            if (e.equals(epoch) && s <= seq) {
                return Decision.SKIP; // not newer than what was delivered
            }
            epoch = e;
            seq = s;
            return Decision.DELIVER;
        }
        if (epoch == null || !epoch.equals(e)) {
            return Decision.RESYNC;
        }
        if (s <= seq) {
            return Decision.SKIP;
        }
        if (s != seq + 1) {
            return Decision.RESYNC;
        }
        seq = s;
        return Decision.DELIVER;
    }
}
