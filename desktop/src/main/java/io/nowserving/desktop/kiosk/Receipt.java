package io.nowserving.desktop.kiosk;

import java.time.ZonedDateTime;
import java.util.Locale;

/** What a printed ticket says, in the language the customer chose. */
public record Receipt(String number, String service, String branch, ZonedDateTime issuedAt, int ahead,
                      String trackUrl, Locale locale) {
}
