package io.nowserving.desktop.kiosk;

/**
 * Where the kiosk's receipts go: bytes of ESC/POS commands (from {@link EscPosReceipt}) to a printer. Runs on a
 * background thread; a receipt that did not print throws {@link PrinterProblem}.
 */
public interface ReceiptPrinter extends AutoCloseable {
    void print(byte[] escPos);

    /** False for a kiosk without a printer: the ticket is only shown. */
    default boolean prints() {
        return true;
    }

    @Override
    default void close() {
    }

    /** No printer. */
    static ReceiptPrinter none() {
        return new ReceiptPrinter() {
            @Override
            public void print(byte[] escPos) {
            }

            @Override
            public boolean prints() {
                return false;
            }
        };
    }
}
