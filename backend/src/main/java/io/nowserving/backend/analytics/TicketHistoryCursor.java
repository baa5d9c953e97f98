package io.nowserving.backend.analytics;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a history page ended: the {@code (issued_at, id)} of its last row, opaque to clients (base64url of
 * {@code h1.<epoch microseconds>.<ULID>}). Microseconds are the column's own precision on PostgreSQL and H2, so
 * the position is exact whatever wrote the row; the next page starts strictly after it, so no row is read twice.
 */
record TicketHistoryCursor(long issuedAtMicros, String id) {
    private static final String VERSION = "h1.";
    private static final Pattern MICROS = Pattern.compile("-?[0-9]{1,18}");

    static TicketHistoryCursor of(OffsetDateTime issuedAt, String id) {
        Instant at = issuedAt.toInstant();
        return new TicketHistoryCursor(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                at.getNano() / 1_000), id);
    }

    OffsetDateTime issuedAt() {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(issuedAtMicros, 1_000_000L),
                Math.floorMod(issuedAtMicros, 1_000_000L) * 1_000L), ZoneOffset.UTC);
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + issuedAtMicros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor of a request; 400 naming {@code cursor} for anything this class did not make. */
    static TicketHistoryCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (plain.startsWith(VERSION)) {
                String rest = plain.substring(VERSION.length());
                int dot = rest.indexOf('.');
                String micros = dot > 0 ? rest.substring(0, dot) : "";
                String id = rest.substring(dot + 1);
                if (MICROS.matcher(micros).matches() && Ids.isUlid(id)) {
                    return new TicketHistoryCursor(Long.parseLong(micros), id);
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url: answered below
        }
        throw Refusal.invalid("cursor is not one this server gave out");
    }
}
