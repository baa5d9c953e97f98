package io.nowserving.desktop.launcher;

import io.nowserving.desktop.common.DesktopSettings;
import javafx.application.Application;

/**
 * {@code java -jar nowserving.jar [--mode=launcher|counter|display|kiosk|admin] [--backend=URL] [--branch=ID] …}:
 * a plain class, because a main class that extends {@code Application} cannot start with JavaFX on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        try {
            DesktopSettings.resolve(args, System::getProperty, System::getenv); // refuse bad flags before any window
        } catch (IllegalArgumentException e) {
            System.err.println("nowserving: " + e.getMessage());
            System.exit(2);
        }
        Application.launch(DesktopApp.class, args);
    }
}
