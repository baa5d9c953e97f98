package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Scheduler;
import io.nowserving.desktop.common.Stylesheets;
import io.nowserving.desktop.common.Ticker;
import io.nowserving.shared.client.NowServingClient;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The counter console in a window: sign-in, counter choice, then the console. Closing ends its feed and client. */
public final class CounterApp implements AutoCloseable {
    static final String BUNDLE = "io.nowserving.desktop.counter.messages";

    private final CounterViewModel vm;
    private final NowServingClient client;
    private final Scene scene;
    private Ticker ticker;

    private CounterApp(CounterViewModel vm, NowServingClient client, double width, double height) {
        this.vm = vm;
        this.client = client;
        this.scene = scene(vm, width, height);
    }

    /** Opens the console on {@code stage} (shown by this call). */
    public static CounterApp open(Stage stage, AppContext context) {
        NowServingClient client = context.client();
        CounterViewModel vm = new CounterViewModel(context, client);
        CounterApp app = new CounterApp(vm, client, 1280, 800);
        app.ticker = Ticker.every(Scheduler.of(context.background()), 1000, vm::tick); // the running times
        stage.setTitle(vm.words().get("window.title"));
        stage.setScene(app.scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.show();
        return app;
    }

    /** The window's content for {@code vm}: the sign-in steps or the console, and the action keys. */
    static Scene scene(CounterViewModel vm, double width, double height) {
        ConsoleView console = new ConsoleView(vm);
        SignInView signIn = new SignInView(vm);
        console.root().visibleProperty().bind(vm.screen.isEqualTo(CounterViewModel.Screen.CONSOLE));
        signIn.root().visibleProperty().bind(console.root().visibleProperty().not());
        Scene scene = new Scene(new StackPane(signIn.root(), console.root()), width, height);
        scene.getStylesheets().addAll(Stylesheets.of(CounterApp.class, "counter.css"));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (vm.screen.get() != CounterViewModel.Screen.CONSOLE) {
                return;
            }
            Button b = console.keys().get(e.getCode());
            if (b != null) {
                b.fire(); // a disabled button ignores it, like a click
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancelCall();
                vm.transferOpen.set(false);
            }
        });
        return scene;
    }

    CounterViewModel viewModel() {
        return vm;
    }

    Scene scene() {
        return scene;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.stop();
        }
        vm.close();
        client.close();
    }
}
