package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Scheduler;
import io.nowserving.desktop.common.Stylesheets;
import io.nowserving.desktop.common.Ticker;
import io.nowserving.shared.client.NowServingClient;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The admin analytics app in a window: sign-in, branch, then the tabs. Closing ends its feed and client. */
public final class AdminApp implements AutoCloseable {
    static final String BUNDLE = "io.nowserving.desktop.admin.messages";

    private final AdminViewModel vm;
    private final NowServingClient client;
    private final AdminView view;
    private final Scene scene;
    private Ticker ticker;

    private AdminApp(AdminViewModel vm, NowServingClient client, double width, double height) {
        this.vm = vm;
        this.client = client;
        this.view = new AdminView(vm);
        AdminSignInView signIn = new AdminSignInView(vm);
        view.root().visibleProperty().bind(vm.screen.isEqualTo(AdminViewModel.Screen.MAIN));
        signIn.root().visibleProperty().bind(view.root().visibleProperty().not());
        this.scene = new Scene(new StackPane(signIn.root(), view.root()), width, height);
        scene.getStylesheets().addAll(Stylesheets.of(AdminApp.class, "admin.css"));
    }

    /** Opens the app on {@code stage} (shown by this call). */
    public static AdminApp open(Stage stage, AppContext context) {
        return open(stage, context, 1280, 800);
    }

    /** Opens the app on {@code stage} at {@code width} × {@code height} (screenshots use the sizes they need). */
    public static AdminApp open(Stage stage, AppContext context, double width, double height) {
        NowServingClient client = context.client();
        AdminApp app = new AdminApp(new AdminViewModel(context, client), client, width, height);
        // the growing waits, once a second
        app.ticker = Ticker.every(Scheduler.of(context.background()), 1000, app.vm.overview()::tick);
        stage.setTitle(app.vm.words().get("window.title"));
        stage.setScene(app.scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.show();
        return app;
    }

    AdminViewModel viewModel() {
        return vm;
    }

    AdminView view() {
        return view;
    }

    Scene scene() {
        return scene;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.stop();
        }
        view.closeConfiguration();
        vm.close();
        client.close();
    }
}
