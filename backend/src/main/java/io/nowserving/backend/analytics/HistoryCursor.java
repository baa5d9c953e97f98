package io.nowserving.backend.analytics;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a history page ended: the {@code (issuedAt, id)} of its last row, opaque to clients (base64url of
 * {@code <epoch ms>.<id>}). The next page starts strictly after it, so no row is read twice.
 */
record HistoryCursor(long issuedAtMs, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((issuedAtMs + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor of a request; 400 for anything this class did not make. */
    static HistoryCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int dot = plain.indexOf('.');
            String id = plain.substring(dot + 1);
            if (dot < 1 || !Ids.isUlid(id)) {
                throw new IllegalArgumentException(plain);
            }
            return new HistoryCursor(Long.parseLong(plain.substring(0, dot)), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiException.invalid("cursor is not one this server gave out");
        }
    }
}
