/** The JavaFX apps: counter console, waiting-room display, kiosk, admin analytics (their issue comes after the backend core). */
package io.nowserving.desktop;
