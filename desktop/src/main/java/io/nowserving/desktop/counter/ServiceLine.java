package io.nowserving.desktop.counter;

/** One service the counter calls from: how many wait and the estimate as shown ("" when none). */
public record ServiceLine(String id, String name, int waiting, String estimate) {
}
