package io.nowserving.desktop.kiosk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.Mode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printers behind the {@code printer} setting, against a fake network printer and a file as device. */
class KioskPrinterTest {
    private static final byte[] RECEIPT = {0x1b, 0x40, 'A', '0', '0', '1', 0x0a};

    @TempDir
    Path dir;

    /** A one-connection network printer: answers the status request with {@code status}, keeps what follows. */
    private static CompletableFuture<byte[]> fakePrinter(ServerSocket server, int status) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] request = in.readNBytes(3);
                assertArrayEquals(new byte[] {0x10, 0x04, 0x04}, request, "DLE EOT 4 first");
                s.getOutputStream().write(status);
                s.getOutputStream().flush();
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                in.transferTo(rest);
                return rest.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aNetworkPrinterWithPaperGetsTheReceipt() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<byte[]> got = fakePrinter(server, 0x12);
            ReceiptPrinters.of("tcp:127.0.0.1:" + server.getLocalPort()).print(RECEIPT);
            assertArrayEquals(RECEIPT, got.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNetworkPrinterOutOfPaperGetsNothingAndSaysSo() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<byte[]> got = fakePrinter(server, 0x12 | 0x60);
            PrinterProblem p = assertThrows(PrinterProblem.class,
                    () -> ReceiptPrinters.of("tcp:127.0.0.1:" + server.getLocalPort()).print(RECEIPT));
            assertEquals(PrinterProblem.Kind.NO_PAPER, p.kind());
            assertEquals(0, got.get(10, TimeUnit.SECONDS).length, "no receipt into an empty printer");
        }
    }

    @Test
    void aPrinterThatIsNotThereIsMissingOrOffline() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        assertEquals(PrinterProblem.Kind.OFFLINE, assertThrows(PrinterProblem.class,
                () -> ReceiptPrinters.of("tcp:127.0.0.1:" + closed).print(RECEIPT)).kind());
        assertEquals(PrinterProblem.Kind.MISSING, assertThrows(PrinterProblem.class,
                () -> ReceiptPrinters.of("file:" + dir.resolve("no-such-lp0")).print(RECEIPT)).kind());
        assertEquals(PrinterProblem.Kind.MISSING, assertThrows(PrinterProblem.class,
                () -> ReceiptPrinters.of("system:No Such Printer 42").print(RECEIPT)).kind());
    }

    @Test
    void theSettingsOpenTheKioskWithItsPrinterAndRefuseAPrinterTheyCannotUse() {
        DesktopSettings s = DesktopSettings.resolve(new String[] {"--data-dir=" + dir, "--mode=kiosk",
                "--printer=tcp:192.168.1.50:9100"}, k -> null, k -> null);
        assertEquals(Mode.KIOSK, s.mode());
        assertEquals("tcp:192.168.1.50:9100", s.printer());
        assertEquals("none", DesktopSettings.resolve(new String[] {"--data-dir=" + dir}, k -> null, k -> null)
                .printer());
        assertThrows(IllegalArgumentException.class, () -> DesktopSettings.resolve(new String[] {
            "--data-dir=" + dir, "--printer=lpt1"}, k -> null, k -> null));
    }

    @Test
    void aDevicePathGetsTheBytesAndNoneDoesNotPrint() throws Exception {
        Path lp = Files.createFile(dir.resolve("lp0"));
        ReceiptPrinters.of("file:" + lp).print(RECEIPT);
        assertArrayEquals(RECEIPT, Files.readAllBytes(lp));
        assertFalse(ReceiptPrinters.of("none").prints());
    }
}
