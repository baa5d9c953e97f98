package io.nowserving.desktop.counter;

/** A ticket in the console's waiting list; {@code queuedAt} is epoch ms (the order within its priority). */
public record WaitingRow(String id, String number, String service, boolean priority, long queuedAt) {
}
