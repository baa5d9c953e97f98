package io.nowserving.desktop.admin;

import javafx.scene.paint.Color;

/** The viridis sequential colour scale (perceptually even, readable with the common colour-blindnesses). */
final class Viridis {
    private static final String[] STOPS = {"#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89",
        "#35b779", "#6ece58", "#b5de2b", "#fde725"};

    private Viridis() {
    }

    /** The colour at {@code share} (0..1, clamped). */
    static Color at(double share) {
        double x = Math.max(0, Math.min(1, share)) * (STOPS.length - 1);
        int i = (int) Math.floor(x);
        if (i >= STOPS.length - 1) {
            return Color.web(STOPS[STOPS.length - 1]);
        }
        return Color.web(STOPS[i]).interpolate(Color.web(STOPS[i + 1]), x - i);
    }

    static String css(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
