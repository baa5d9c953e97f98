package io.nowserving.desktop.launcher;

import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.common.Stylesheets;
import javafx.beans.binding.Bindings;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.StringConverter;

/** The launcher window: where the backend is, the address phones use, and the buttons that open the apps. */
final class LauncherView {
    /** Opens an app on a new stage. */
    interface Opener {
        void open(Mode mode, Stage stage, DesktopSettings settings);
    }

    private final LauncherViewModel model;
    private final Messages words;
    private final Opener opener;

    LauncherView(LauncherViewModel model, Messages words, Opener opener) {
        this.model = model;
        this.words = words;
        this.opener = opener;
    }

    Scene scene() {
        Label title = new Label(words.get("title"));
        title.getStyleClass().add("title");
        Label status = bound("", "status");
        status.textProperty().bind(model.status());
        Label server = new Label();
        server.textProperty().bind(Bindings.createStringBinding(() -> model.serverUrl().get().isEmpty() ? ""
                : words.get("server.url", model.serverUrl().get()), model.serverUrl()));
        Label phones = new Label();
        phones.textProperty().bind(Bindings.createStringBinding(() -> model.phoneUrl().get().isEmpty() ? ""
                : words.get("phones.url", model.phoneUrl().get()), model.phoneUrl()));
        Label warning = bound("", "warning");
        warning.textProperty().bind(model.phoneWarning());
        Label password = bound("", "hint");
        password.textProperty().bind(model.adminPassword());
        Label problem = bound("", "problem");
        problem.textProperty().bind(model.problem());

        ChoiceBox<String> branch = new ChoiceBox<>(model.branches());
        branch.valueProperty().bindBidirectional(model.branch());
        ChoiceBox<Screen> screen = new ChoiceBox<>();
        screen.getItems().setAll(Screen.getScreens());
        screen.setConverter(new StringConverter<>() {
            @Override
            public String toString(Screen s) {
                if (s == null) {
                    return "";
                }
                Rectangle2D b = s.getBounds();
                return words.get("display.screen", Screen.getScreens().indexOf(s) + 1, (int) b.getWidth(),
                        (int) b.getHeight());
            }

            @Override
            public Screen fromString(String s) {
                return null;
            }
        });
        int wanted = Math.min(model.settings().screen(), screen.getItems().size() - 1);
        screen.getSelectionModel().select(Math.max(0, wanted));

        Button counter = new Button(words.get("open.counter"));
        counter.getStyleClass().add("primary");
        counter.setOnAction(e -> opener.open(Mode.COUNTER, new Stage(), model.settings()));
        Button display = new Button(words.get("open.display"));
        display.getStyleClass().add("primary");
        display.setOnAction(e -> opener.open(Mode.DISPLAY, new Stage(),
                model.settings().withScreen(Math.max(0, screen.getSelectionModel().getSelectedIndex()))));
        Button kiosk = new Button(words.get("open.kiosk"));
        kiosk.getStyleClass().add("primary");
        kiosk.setOnAction(e -> opener.open(Mode.KIOSK, new Stage(),
                model.settings().withScreen(Math.max(0, screen.getSelectionModel().getSelectedIndex()))));
        Button admin = new Button(words.get("open.admin"));
        admin.setId("openAdmin");
        admin.getStyleClass().add("primary");
        admin.setOnAction(e -> opener.open(Mode.ADMIN, new Stage(), model.settings()));
        admin.disableProperty().bind(model.ready().not());
        counter.disableProperty().bind(model.ready().not());
        display.disableProperty().bind(model.ready().not());
        kiosk.disableProperty().bind(model.ready().not());

        GridPane choices = new GridPane();
        choices.getStyleClass().add("choices");
        choices.addRow(0, new Label(words.get("branch")), branch);
        choices.addRow(1, new Label(words.get("display.on")), screen);

        VBox root = new VBox(title, status, server, phones, warning, password, choices,
                new HBox(16, counter, display, kiosk, admin), pairing(), problem);
        root.getStyleClass().add("launcher");
        Scene scene = new Scene(root, 900, 600);
        scene.getStylesheets().setAll(Stylesheets.of(LauncherView.class, "launcher.css"));
        return scene;
    }

    private VBox pairing() {
        Label heading = new Label(words.get("pair.heading"));
        heading.getStyleClass().add("heading");
        Label state = new Label();
        state.setWrapText(true);
        state.textProperty().bind(Bindings.createStringBinding(() -> !model.pairing().get().isEmpty()
                ? model.pairing().get() : words.get(model.paired().get() ? "pair.paired" : "pair.notPaired"),
                model.pairing(), model.paired()));
        TextField user = new TextField();
        user.setPromptText(words.get("pair.username"));
        PasswordField pass = new PasswordField();
        pass.setPromptText(words.get("pair.password"));
        TextField name = new TextField(words.get("pair.defaultName"));
        Button pair = new Button(words.get("pair.button"));
        pair.getStyleClass().add("primary");
        pair.disableProperty().bind(model.ready().not().or(model.busy()));
        pair.setOnAction(e -> {
            model.pairAsDisplay(user.getText(), pass.getText(), name.getText());
            pass.clear();
        });
        Button pairKiosk = new Button(words.get("pair.kioskButton"));
        pairKiosk.getStyleClass().add("primary");
        pairKiosk.disableProperty().bind(pair.disableProperty());
        pairKiosk.setOnAction(e -> {
            model.pair("kiosk", user.getText(), pass.getText(), name.getText());
            pass.clear();
        });
        pair.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        pairKiosk.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (TextField f : new TextField[] {user, pass, name}) {
            f.setPrefColumnCount(10);
            HBox.setHgrow(f, javafx.scene.layout.Priority.ALWAYS);
        }
        HBox form = new HBox(8, user, pass, name, pair, pairKiosk);
        VBox box = new VBox(8, heading, state, form);
        box.getStyleClass().add("pairing");
        return box;
    }

    void show(Stage stage) {
        stage.setTitle(words.get("title"));
        stage.setScene(scene());
        stage.show();
    }

    /** A label that takes no room while it has nothing to say. */
    private static Label bound(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }
}
