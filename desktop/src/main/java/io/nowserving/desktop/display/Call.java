package io.nowserving.desktop.display;

/**
 * One call to announce: a ticket {@code number} to a {@code counter} (its id), made at {@code at} (epoch ms).
 * Nothing else about a ticket or clerk ever reaches the display's screen or voice.
 */
public record Call(String number, String counter, long at, boolean recall) {
}
