package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Stylesheets;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The kiosk's screen: a bar with the branch and the language switch, the content of the current screen (the
 * services, the ticket, or a full-screen message), and a bar with the accessible-mode corner button and the
 * countdown back to the start. The content is rebuilt when what it shows changes: a kiosk screen is small, and a
 * language switch changes every word. Type scales with the screen's height (em units in kiosk.css).
 */
final class KioskView {
    private final KioskViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Label countdown = new Label();
    private final Button more = new Button();
    private double height;

    KioskView(KioskViewModel vm) {
        this.vm = vm;
    }

    Scene scene(double width, double height) {
        this.height = height;
        root.getStyleClass().add("kiosk");
        root.setStyle(fontFor(height));
        Scene scene = new Scene(root, width, height);
        scene.heightProperty().addListener((o, was, now) -> {
            this.height = now.doubleValue();
            root.setStyle(fontFor(this.height));
        });
        scene.getStylesheets().setAll(Stylesheets.of(KioskView.class, "kiosk.css"));
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.touched());
        scene.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> vm.touched());
        countdown.getStyleClass().add("countdown");
        more.setId("more-time");
        more.getStyleClass().add("more-time");
        more.setOnAction(e -> vm.moreTime());
        vm.secondsLeft().addListener((o, was, now) -> showCountdown());
        // change listeners, not invalidation ones: a property the current screen does not read stays valid
        for (ObservableValue<?> o : List.<ObservableValue<?>>of(vm.screen(), vm.locale(), vm.accessible(),
                vm.branchName(), vm.branchOpen(), vm.offline(), vm.ticket(), vm.printing(), vm.notice())) {
            o.addListener((x, was, now) -> render());
        }
        vm.services().addListener((ListChangeListener<ServiceChoice>) c -> render());
        render();
        return scene;
    }

    /** The root font, which every size in kiosk.css is a multiple of: a fortieth of the screen's height. */
    private static String fontFor(double height) {
        return "-fx-font-size: " + Math.round(height / 40) + "px;";
    }

    private void render() {
        Messages words = vm.words();
        root.getStyleClass().remove("accessible");
        if (vm.accessible().get()) {
            root.getStyleClass().add("accessible");
        }
        root.setTop(top(words));
        root.setCenter(switch (vm.screen().get()) {
            case START -> start(words);
            case TICKET -> new TicketPane(vm, words, height).build();
            case NOTICE -> notice(vm.noticeText(), true, words);
        });
        root.setBottom(bottom(words));
        showCountdown();
    }

    private Node top(Messages words) {
        Label branch = new Label(vm.branchName().get());
        branch.getStyleClass().add("branch");
        Button language = new Button(words.get("language.switch"));
        language.setId("language");
        language.getStyleClass().add("language");
        language.setOnAction(e -> vm.toggleLanguage());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(branch, gap, language);
        bar.getStyleClass().add("top-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node start(Messages words) {
        if (vm.offline().get()) {
            return notice(words.get("start.offline"), false, words);
        }
        if (!vm.branchOpen().get()) {
            return notice(words.get("start.closed"), false, words);
        }
        Label heading = new Label(words.get("start.heading"));
        heading.getStyleClass().add("heading");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("services");
        grid.setAlignment(Pos.CENTER);
        int columns = vm.services().size() > 3 ? 2 : 1;
        int i = 0;
        for (ServiceChoice s : vm.services()) {
            Node n = s.available() ? serviceButton(s, words) : unavailable(s, words);
            grid.add(n, i % columns, i / columns);
            i++;
        }
        VBox box = new VBox(heading, grid);
        box.getStyleClass().add("start");
        box.setAlignment(Pos.CENTER);
        if (vm.accessible().get()) {
            // the heading stays on top, the buttons go to the bottom: within reach from a wheelchair
            Region gap = new Region();
            VBox.setVgrow(gap, Priority.ALWAYS);
            box.getChildren().add(1, gap);
        }
        return box;
    }

    private Node serviceButton(ServiceChoice s, Messages words) {
        Label name = new Label(s.name());
        name.getStyleClass().add("service-name");
        Label detail = new Label(s.prefix() + "  \u00b7  " + words.get("service.waiting", s.waiting()) + "  \u00b7  "
                + words.get("service.wait", WaitText.of(words, s.estimate())));
        detail.getStyleClass().add("service-detail");
        VBox graphic = new VBox(name, detail);
        graphic.setAlignment(Pos.CENTER);
        Button b = new Button();
        b.setGraphic(graphic);
        b.setId("service-" + s.id());
        b.getStyleClass().add("service");
        b.setMaxWidth(Double.MAX_VALUE);
        b.disableProperty().bind(vm.busy());
        b.setOnAction(e -> vm.take(s.id()));
        return b;
    }

    private Node unavailable(ServiceChoice s, Messages words) {
        Label name = new Label(s.name());
        name.getStyleClass().add("service-name");
        Label why = new Label(words.get(switch (s.reason()) {
            case FULL -> "service.full";
            case CLOSED -> "service.closed";
            case BRANCH_CLOSED -> "service.branchClosed";
        }));
        why.getStyleClass().add("service-detail");
        VBox box = new VBox(name, why);
        box.setId("unavailable-" + s.id());
        box.getStyleClass().add("service-unavailable");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private Node notice(String text, boolean back, Messages words) {
        Label message = new Label(text);
        message.getStyleClass().add("notice-text");
        message.setWrapText(true);
        VBox box = new VBox(message);
        box.getStyleClass().add("notice");
        box.setAlignment(Pos.CENTER);
        if (back) {
            Button b = new Button(words.get("notice.back"));
            b.setId("back");
            b.getStyleClass().add("action");
            b.setOnAction(e -> vm.backToStart());
            box.getChildren().add(b);
        }
        return box;
    }

    private Node bottom(Messages words) {
        Button accessible = new Button(words.get(vm.accessible().get() ? "accessible.off" : "accessible.on"));
        accessible.setId("accessible");
        accessible.getStyleClass().add("accessible-button");
        accessible.setOnAction(e -> vm.toggleAccessible());
        more.setText(words.get("idle.more"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(accessible, gap, countdown, more);
        bar.getStyleClass().add("bottom-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void showCountdown() {
        int left = vm.secondsLeft().get();
        boolean counting = left != IdleTimeout.OFF;
        countdown.setText(counting ? vm.words().get("idle.left", left) : "");
        countdown.setVisible(counting);
        more.setVisible(counting);
    }

    javafx.scene.Parent root() {
        return root;
    }
}
