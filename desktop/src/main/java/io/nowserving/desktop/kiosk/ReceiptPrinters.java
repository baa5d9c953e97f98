package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.kiosk.PrinterProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;

/**
 * The printers of the {@code printer} setting: {@code none}, {@code system:<name>} (a print service of the
 * operating system, sent raw), {@code file:<path>} (a serial or USB device such as {@code /dev/usb/lp0}) and
 * {@code tcp:<host>:<port>} (a network printer, usually port 9100).
 */
public final class ReceiptPrinters {
    /** ESC/POS "transmit real-time status" of the roll paper sensor (DLE EOT 4). */
    private static final byte[] PAPER_STATUS = {0x10, 0x04, 0x04};
    /** Bits 5 and 6 of that status: the paper has run out. */
    private static final int PAPER_END = 0x60;
    private static final int CONNECT_MS = 3000;
    private static final int STATUS_MS = 1500;

    private ReceiptPrinters() {
    }

    /** The printer a (validated) setting names. */
    public static ReceiptPrinter of(String setting) {
        if (setting.startsWith("system:")) {
            return system(setting.substring("system:".length()));
        }
        if (setting.startsWith("file:")) {
            return device(Path.of(setting.substring("file:".length())));
        }
        if (setting.startsWith("tcp:")) {
            int colon = setting.lastIndexOf(':');
            return network(setting.substring(4, colon), Integer.parseInt(setting.substring(colon + 1)));
        }
        return ReceiptPrinter.none();
    }

    static ReceiptPrinter system(String name) {
        return bytes -> {
            PrintService service = null;
            for (PrintService s : PrintServiceLookup.lookupPrintServices(null, null)) {
                if (s.getName().equals(name)) {
                    service = s;
                }
            }
            if (service == null) {
                throw new PrinterProblem(Kind.MISSING, "no print service named " + name, null);
            }
            DocPrintJob job = service.createPrintJob();
            try {
                job.print(new SimpleDoc(bytes, DocFlavor.BYTE_ARRAY.AUTOSENSE, null), null);
            } catch (PrintException e) {
                throw new PrinterProblem(Kind.OFFLINE, "print service " + name + " refused the receipt", e);
            }
        };
    }

    static ReceiptPrinter device(Path path) {
        return bytes -> {
            if (!Files.exists(path)) {
                throw new PrinterProblem(Kind.MISSING, "no printer device at " + path, null);
            }
            try (OutputStream out = Files.newOutputStream(path)) {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new PrinterProblem(Kind.OFFLINE, "the printer device " + path + " took no receipt", e);
            }
        };
    }

    /**
     * Asks the printer for its paper status first: a printer that answers "paper end" gets no receipt (it would
     * be lost); one that does not answer at all (many cheap ones) is printed to anyway.
     */
    static ReceiptPrinter network(String host, int port) {
        return bytes -> {
            try (Socket socket = new Socket()) {
                try {
                    socket.connect(new InetSocketAddress(host, port), CONNECT_MS);
                } catch (IOException e) {
                    throw new PrinterProblem(Kind.OFFLINE, "no printer answers at " + host + ":" + port, e);
                }
                OutputStream out = socket.getOutputStream();
                out.write(PAPER_STATUS);
                out.flush();
                if (paperEnd(socket)) {
                    throw new PrinterProblem(Kind.NO_PAPER, "the printer at " + host + ":" + port
                            + " is out of paper", null);
                }
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new PrinterProblem(Kind.OFFLINE, "the printer at " + host + ":" + port + " took no receipt", e);
            }
        };
    }

    private static boolean paperEnd(Socket socket) throws IOException {
        socket.setSoTimeout(STATUS_MS);
        InputStream in = socket.getInputStream();
        try {
            int status = in.read();
            return status >= 0 && (status & PAPER_END) == PAPER_END;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
