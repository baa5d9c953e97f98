package io.nowserving.desktop.kiosk;

/** The receipt did not print; {@link #kind} says what the customer is told (the ticket stays on the screen). */
public final class PrinterProblem extends RuntimeException {
    /** What went wrong, as far as the kiosk can tell. */
    public enum Kind {
        /** No printer by the configured name or path. */
        MISSING,
        /** The printer is there but does not take the receipt (off, unplugged, unreachable, jammed). */
        OFFLINE,
        /** The printer says its paper has run out. */
        NO_PAPER
    }

    private final Kind kind;

    public PrinterProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
