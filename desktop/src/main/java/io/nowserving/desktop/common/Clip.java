package io.nowserving.desktop.common;

import java.net.URL;

/** One sound clip of an announcement: its name ({@code a}, {@code 7}, {@code chime}, …) and where it is. */
public record Clip(String name, URL url) {
}
