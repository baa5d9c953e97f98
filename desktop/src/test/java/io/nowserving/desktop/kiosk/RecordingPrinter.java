package io.nowserving.desktop.kiosk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Keeps every receipt it is sent; fails with the problems it was told to, one per receipt, first. */
final class RecordingPrinter implements ReceiptPrinter {
    final List<byte[]> printed = new ArrayList<>();
    private final Deque<PrinterProblem.Kind> failures = new ArrayDeque<>();

    RecordingPrinter failingWith(PrinterProblem.Kind... kinds) {
        failures.addAll(List.of(kinds));
        return this;
    }

    @Override
    public synchronized void print(byte[] escPos) {
        PrinterProblem.Kind k = failures.poll();
        if (k != null) {
            throw new PrinterProblem(k, "test printer: " + k, null);
        }
        printed.add(escPos);
    }

    synchronized int count() {
        return printed.size();
    }
}
