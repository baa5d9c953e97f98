package io.nowserving.desktop.common;

import io.nowserving.shared.client.NowServingClient;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What the unattended screens that follow a branch's feed (the display and the kiosk) do alike: fill the chosen
 * monitor, and find the branch to follow.
 */
public final class FeedScreens {
    private FeedScreens() {
    }

    /**
     * Shows {@code stage} on the configured monitor (full screen if so configured) with the scene {@code scene}
     * builds for its width and height; the pointer hides after {@link IdleCursor#IDLE_MS} at rest.
     */
    public static void show(Stage stage, AppContext context, Scheduler scheduler, String title,
                            BiFunction<Double, Double, Scene> scene) {
        List<Screen> screens = Screen.getScreens();
        Screen screen = screens.get(Math.min(context.settings().screen(), screens.size() - 1));
        Rectangle2D b = screen.getBounds();
        Scene s = scene.apply(b.getWidth(), b.getHeight());
        stage.setScene(s);
        IdleCursor.install(s, scheduler, context.clock()::millis, IdleCursor.IDLE_MS);
        stage.setTitle(title);
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setFullScreenExitHint("");
        stage.setFullScreen(context.settings().fullScreen());
        stage.show();
    }

    /** Hands {@code follow} the configured branch, or else the first the backend lists (fetched off the FX thread). */
    public static void chooseBranch(AppContext context, NowServingClient client, Consumer<String> follow) {
        context.settings().branch().ifPresentOrElse(follow, () -> context.background()
                .task(client::branches).onSuccess(list -> {
                    if (!list.isEmpty()) {
                        follow.accept(list.get(0).id());
                    }
                }).start());
    }
}
