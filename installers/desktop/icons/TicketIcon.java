import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The launchers' icons, drawn rather than committed: a ticket (notched at both sides) with the number 42 in seven
 * segments, one colour per launcher, so no font is needed on the build machine. Writes {@code <name>.png} (256 px,
 * Linux), {@code <name>.ico} (Windows) and {@code <name>.icns} (macOS), the last two as PNG entries.
 *
 * <p>{@code java TicketIcon.java <out dir> <name>:<rrggbb> …} (a single-file program; JDK 11 or later).
 */
public final class TicketIcon {
    /** Segments a..g of each digit, as on a seven-segment display. */
    private static final int[] DIGITS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            String[] nameColour = args[i].split(":");
            Color colour = new Color(Integer.parseInt(nameColour[1], 16));
            String name = nameColour[0];
            Files.write(out.resolve(name + ".png"), png(draw(256, colour)));
            writeIco(out.resolve(name + ".ico"), colour);
            writeIcns(out.resolve(name + ".icns"), colour);
        }
    }

    static BufferedImage draw(int size, Color colour) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(size / 256.0, size / 256.0);
        Area ticket = new Area(new RoundRectangle2D.Double(8, 48, 240, 160, 28, 28));
        ticket.subtract(new Area(new Ellipse2D.Double(-16, 104, 48, 48)));
        ticket.subtract(new Area(new Ellipse2D.Double(224, 104, 48, 48)));
        g.setColor(colour);
        g.fill(ticket);
        g.setColor(new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {10, 14}, 0));
        g.drawLine(62, 66, 62, 190); // the tear-off line
        g.setColor(Color.WHITE);
        digit(g, 4, 92, 76);
        digit(g, 2, 164, 76);
        g.dispose();
        return img;
    }

    /** One digit in a 56 × 104 box whose top left corner is (x, y). */
    private static void digit(Graphics2D g, int d, int x, int y) {
        int w = 56;
        int h = 104;
        int t = 14;
        int[][] segments = { // x, y, width, height of a..g
            {x + t / 2, y, w - t, t}, {x + w - t, y + t / 2, t, h / 2 - t / 2}, {x + w - t, y + h / 2, t, h / 2 - t / 2},
            {x + t / 2, y + h - t, w - t, t}, {x, y + h / 2, t, h / 2 - t / 2}, {x, y + t / 2, t, h / 2 - t / 2},
            {x + t / 2, y + h / 2 - t / 2, w - t, t}};
        for (int s = 0; s < 7; s++) {
            if ((DIGITS[d] & (1 << s)) != 0) {
                int[] r = segments[s];
                g.fillRoundRect(r[0], r[1], r[2], r[3], t / 2, t / 2);
            }
        }
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "png", b);
        return b.toByteArray();
    }

    /** An ICO whose entries are PNGs (Windows Vista and later read them). */
    private static void writeIco(Path file, Color colour) throws IOException {
        int[] sizes = {16, 32, 48, 256};
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(draw(sizes[i], colour));
        }
        try (OutputStream f = Files.newOutputStream(file)) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            littleEndian(head, 0, 2);
            littleEndian(head, 1, 2); // an icon
            littleEndian(head, sizes.length, 2);
            int offset = 6 + 16 * sizes.length;
            for (int i = 0; i < sizes.length; i++) {
                head.write(sizes[i] & 0xFF); // 256 is written as 0
                head.write(sizes[i] & 0xFF);
                head.write(0); // no palette
                head.write(0);
                littleEndian(head, 1, 2); // colour planes
                littleEndian(head, 32, 2); // bits per pixel
                littleEndian(head, images[i].length, 4);
                littleEndian(head, offset, 4);
                offset += images[i].length;
            }
            head.writeTo(f);
            for (byte[] image : images) {
                f.write(image);
            }
        }
    }

    /** An ICNS with PNG entries: ic07 (128), ic08 (256), ic09 (512), ic10 (1024, the 512 at 2x). */
    private static void writeIcns(Path file, Color colour) throws IOException {
        String[] types = {"ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(draw(sizes[i], colour));
            d.writeBytes(types[i]);
            d.writeInt(8 + image.length);
            d.write(image);
        }
        try (DataOutputStream f = new DataOutputStream(Files.newOutputStream(file))) {
            f.writeBytes("icns");
            f.writeInt(8 + body.size());
            body.writeTo(f);
        }
    }

    private static void littleEndian(ByteArrayOutputStream out, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
    }
}
