package io.nowserving.desktop.display;

import com.google.zxing.LuminanceSource;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/** ZXing's view of a JavaFX image: the grey level of each pixel, read through its PixelReader. */
final class ImageLuminance extends LuminanceSource {
    private final byte[] grey;

    ImageLuminance(Image image) {
        super((int) image.getWidth(), (int) image.getHeight());
        PixelReader px = image.getPixelReader();
        grey = new byte[getWidth() * getHeight()];
        for (int y = 0; y < getHeight(); y++) {
            for (int x = 0; x < getWidth(); x++) {
                int argb = px.getArgb(x, y);
                int g = (((argb >> 16) & 0xff) * 299 + ((argb >> 8) & 0xff) * 587 + (argb & 0xff) * 114) / 1000;
                grey[y * getWidth() + x] = (byte) g;
            }
        }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        byte[] r = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
        System.arraycopy(grey, y * getWidth(), r, 0, getWidth());
        return r;
    }

    @Override
    public byte[] getMatrix() {
        return grey;
    }

    static String decode(Image image) throws Exception {
        return new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new ImageLuminance(image)))).getText();
    }
}
