package io.nowserving.desktop.display;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.QrImage;
import io.nowserving.desktop.common.Stylesheets;
import io.nowserving.desktop.display.DisplayViewModel.CallLine;
import javafx.animation.Animation;
import javafx.animation.ScaleTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.effect.GaussianBlur;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The waiting-room display's scene: the call in front (number and counter side by side, the biggest things),
 * what each counter serves, the previous calls, waiting counts, clock, branch name and the check-in QR code.
 * Every size is in em of a root font bound to the scene's size, so it scales from 1280×720 to 3840×2160.
 */
public final class DisplayView {
    /** Root font size = scene height / this (20 px at 1080 p), or width / {@link #EMS_WIDE} if narrower. */
    static final double EMS_HIGH = 54;
    static final double EMS_WIDE = 96;

    private final DisplayViewModel vm;
    private final Messages words;
    private final StackPane root = new StackPane();
    private final ImageView qrImage = new ImageView();
    private ScaleTransition pulse;

    public DisplayView(DisplayViewModel vm, Messages words) {
        this.vm = vm;
        this.words = words;
    }

    public Scene scene(double width, double height) {
        BorderPane content = new BorderPane(front(), topBar(), side(), bottomBar(), null);
        content.getStyleClass().add("display");
        Label banner = label("offline-banner", null);
        banner.textProperty().bind(vm.offlineText());
        banner.visibleProperty().bind(vm.offline());
        content.effectProperty().bind(Bindings.when(vm.offline()).then(new GaussianBlur(12)).otherwise(
                (GaussianBlur) null));
        content.opacityProperty().bind(Bindings.when(vm.offline()).then(0.35).otherwise(1.0));
        root.getChildren().addAll(content, banner);
        root.getStyleClass().add("display-root");
        Scene scene = new Scene(root, width, height);
        root.styleProperty().bind(Bindings.createStringBinding(() -> String.format(java.util.Locale.ROOT,
                "-fx-font-size: %.1fpx;", Math.min(scene.getHeight() / EMS_HIGH, scene.getWidth() / EMS_WIDE)),
                scene.heightProperty(), scene.widthProperty()));
        scene.getStylesheets().addAll(Stylesheets.of(DisplayView.class, "display.css"));
        return scene;
    }

    private Node topBar() {
        Label name = label("branch-name", null);
        name.textProperty().bind(vm.branchName());
        Label clock = label("clock", null);
        clock.textProperty().bind(vm.clockText());
        return styled(new HBox(name, grow(), clock), "top-bar");
    }

    private Node front() {
        Label number = label("front-number", null);
        Label arrow = label("front-arrow", "\u2192");
        Label counterWord = label("front-counter-word", words.get("counter.word"));
        Label counter = label("front-counter", null);
        Label welcome = label("front-welcome", words.get("front.welcome"));
        welcome.setWrapText(true);
        number.textProperty().bind(Bindings.createStringBinding(() -> vm.front().get() == null ? ""
                : vm.front().get().number(), vm.front()));
        counter.textProperty().bind(Bindings.createStringBinding(() -> vm.front().get() == null ? ""
                : vm.front().get().counter(), vm.front()));
        VBox counterBox = new VBox(counterWord, counter);
        counterBox.getStyleClass().add("front-counter-box");
        HBox call = new HBox(number, arrow, counterBox);
        call.getStyleClass().add("front-call");
        call.visibleProperty().bind(vm.front().isNotNull());
        welcome.visibleProperty().bind(vm.front().isNull());
        StackPane hero = new StackPane(welcome, call);
        hero.getStyleClass().add("front");
        pulse = new ScaleTransition(Duration.millis(450), call);
        pulse.setFromX(1);
        pulse.setFromY(1);
        pulse.setToX(1.08);
        pulse.setToY(1.08);
        pulse.setAutoReverse(true);
        pulse.setCycleCount(6); // about 3 s, then it stops: an idle display runs no animation
        vm.flashing().addListener((o, was, now) -> flash(hero, call, now));
        flash(hero, call, vm.flashing().get());
        Label title = label("section-title", words.get("serving.title"));
        HBox tiles = new HBox();
        tiles.getStyleClass().add("serving-tiles");
        vm.serving().addListener((ListChangeListener<CallLine>) c -> fillServing(tiles));
        fillServing(tiles);
        VBox center = new VBox(hero, title, tiles);
        center.getStyleClass().add("center");
        VBox.setVgrow(hero, Priority.ALWAYS);
        return center;
    }

    private void flash(StackPane hero, Node call, boolean on) {
        hero.getStyleClass().remove("flash");
        pulse.stop();
        call.setScaleX(1);
        call.setScaleY(1);
        if (on) {
            hero.getStyleClass().add("flash");
            pulse.playFromStart();
        }
    }

    private void fillServing(HBox tiles) {
        tiles.getChildren().clear();
        for (CallLine c : vm.serving()) {
            VBox tile = new VBox(label("tile-counter", words.get("counter.tile", c.counter())),
                    label("tile-number", c.number()));
            tile.getStyleClass().add("tile");
            tiles.getChildren().add(tile);
        }
    }

    private Node side() {
        VBox rows = new VBox();
        rows.getStyleClass().add("previous-rows");
        vm.previous().addListener((ListChangeListener<CallLine>) c -> fillPrevious(rows));
        fillPrevious(rows);
        VBox previous = new VBox(label("section-title", words.get("previous.title")), rows);
        previous.getStyleClass().add("previous");
        VBox.setVgrow(previous, Priority.ALWAYS);
        return styled(new VBox(previous, qr()), "side");
    }

    private void fillPrevious(VBox rows) {
        rows.getChildren().clear();
        for (CallLine c : vm.previous()) {
            HBox row = new HBox(label("previous-number", c.number()), grow(),
                    label("previous-counter", words.get("counter.tile", c.counter())));
            row.getStyleClass().add("previous-row");
            rows.getChildren().add(row);
        }
    }

    private Node qr() {
        QrState q = vm.qr();
        qrImage.setPreserveRatio(true);
        qrImage.setSmooth(false);
        qrImage.fitWidthProperty().bind(root.heightProperty().multiply(0.2));
        q.content().addListener((o, was, now) -> qrImage.setImage(now == null || now.isEmpty() ? null
                : QrImage.of(now)));
        if (!q.content().get().isEmpty()) {
            qrImage.setImage(QrImage.of(q.content().get()));
        }
        Label hint = label("qr-hint", words.get("qr.hint"));
        Label caption = label("qr-caption", null);
        caption.textProperty().bind(q.caption());
        Label unpaired = label("qr-unpaired", words.get("qr.notPaired"));
        unpaired.setWrapText(true);
        unpaired.visibleProperty().bind(q.paired().not());
        unpaired.managedProperty().bind(unpaired.visibleProperty());
        VBox box = new VBox(hint, qrImage, caption, unpaired);
        box.getStyleClass().add("qr");
        return box;
    }

    private Node bottomBar() {
        HBox bar = new HBox();
        bar.getStyleClass().add("bottom-bar");
        vm.waiting().addListener((ListChangeListener<DisplayViewModel.WaitingLine>) c -> fillWaiting(bar));
        fillWaiting(bar);
        return bar;
    }

    private void fillWaiting(HBox bar) {
        bar.getChildren().setAll(label("waiting-title", words.get("waiting.title")));
        for (DisplayViewModel.WaitingLine w : vm.waiting()) {
            bar.getChildren().add(styled(new HBox(label("waiting-service", words.get("waiting.service", w.prefix(),
                    w.name())), label("waiting-count", String.valueOf(w.waiting()))), "waiting"));
        }
    }

    /** The QR code shown now (tests decode it). */
    ImageView qrImage() {
        return qrImage;
    }

    /** Whether the flash animation is running (an idle display runs none). */
    boolean animating() {
        return pulse.getStatus() == Animation.Status.RUNNING;
    }

    Parent root() {
        return root;
    }

    private static Label label(String style, String text) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }

    private static <T extends Node> T styled(T node, String style) {
        node.getStyleClass().add(style);
        return node;
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
