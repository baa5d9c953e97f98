package io.nowserving.desktop.kiosk;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst;
import com.github.anastaciocintra.escpos.Style;
import com.github.anastaciocintra.escpos.barcode.QRCode;
import io.nowserving.desktop.common.Messages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * A receipt as ESC/POS commands (escpos-coffee): the branch, the number in large type, the service, the people
 * ahead, the date and time, and the tracking link as the printer's own QR code (so it prints sharp at any
 * resolution), then a cut. Chinese text goes out as Big5, the code page of Taiwanese receipt printers.
 */
final class EscPosReceipt {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private EscPosReceipt() {
    }

    static byte[] render(Receipt r, Messages words) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EscPos escpos = new EscPos(bytes)) {
            if ("zh".equals(r.locale().getLanguage())) {
                escpos.setCharsetName("Big5");
            }
            Style centre = new Style().setJustification(EscPosConst.Justification.Center);
            Style number = new Style(centre).setBold(true).setFontSize(Style.FontSize._4, Style.FontSize._4);
            escpos.writeLF(centre, r.branch())
                    .feed(1)
                    .writeLF(number, r.number())
                    .feed(1)
                    .writeLF(centre, words.get("receipt.service", r.service()))
                    .writeLF(centre, words.get("receipt.ahead", r.ahead()))
                    .writeLF(centre, WHEN.format(r.issuedAt()))
                    .feed(1);
            escpos.write(new QRCode().setSize(6).setJustification(EscPosConst.Justification.Center), r.trackUrl());
            escpos.feed(1)
                    .writeLF(centre, words.get("receipt.scan"))
                    .feed(4)
                    .cut(EscPos.CutMode.FULL);
        } catch (IOException e) {
            // a byte array does not fail; escpos-coffee declares it for real streams
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
