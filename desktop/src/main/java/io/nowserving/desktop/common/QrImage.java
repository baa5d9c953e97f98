package io.nowserving.desktop.common;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/** A QR code painted into a JavaFX image (ZXing's matrix, no AWT): black modules on white, with a quiet zone. */
public final class QrImage {
    private static final int MODULE_PX = 8;

    private QrImage() {
    }

    public static WritableImage of(String content) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + content.length() + " characters", e);
        }
        int w = m.getWidth() * MODULE_PX;
        int h = m.getHeight() * MODULE_PX;
        WritableImage image = new WritableImage(w, h);
        PixelWriter px = image.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px.setArgb(x, y, m.get(x / MODULE_PX, y / MODULE_PX) ? 0xff000000 : 0xffffffff);
            }
        }
        return image;
    }
}
