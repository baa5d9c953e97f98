package io.nowserving.desktop.admin;

import io.nowserving.desktop.admin.config.ConfigurationScreen;
import io.nowserving.desktop.common.Messages;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The analytics window: a header, the offline banner and problem line, then one tab per question. */
final class AdminView {
    private final AdminViewModel vm;
    private final Messages words;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private ConfigurationScreen configuration;

    AdminView(AdminViewModel vm) {
        this.vm = vm;
        this.words = vm.words();
        Label title = new Label(words.get("window.title"));
        title.getStyleClass().add("header-title");
        Label branch = new Label();
        branch.setId("branchName");
        branch.textProperty().bind(vm.branchName);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button signOut = new Button(words.get("signOut"));
        signOut.setId("signOut");
        signOut.setOnAction(e -> vm.signOut());
        HBox header = new HBox(16, title, branch, grow, signOut);
        header.getStyleClass().add("header");

        Label banner = new Label();
        banner.setId("offlineBanner");
        banner.getStyleClass().add("offline-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(vm.overview().offline);
        banner.visibleProperty().bind(vm.overview().offline.isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        Label problem = new Label();
        problem.setId("problem");
        problem.getStyleClass().addAll("problem", "problem-line");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problem);
        problem.visibleProperty().bind(vm.problem.isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                tab("overview", new OverviewView(vm.overview(), words).root(), null),
                tab("day", new DayView(vm.day(), words).root(), vm.day()::load),
                tab("heatmap", new HeatmapView(vm.heatmap(), words).root(), vm.heatmap()::load),
                tab("tables", new TablesView(vm.tables(), words).root(), vm.tables()::load),
                tab("history", new HistoryView(vm.history(), vm).root(), null),
                tab("configuration", configurationTab(vm), null));
        root.setTop(new VBox(header, banner, problem));
        root.setCenter(tabs);
        root.getStyleClass().add("admin");
    }

    Parent root() {
        return root;
    }

    TabPane tabs() {
        return tabs;
    }

    /** Shows the tab with {@code id} ("overview", "day", "heatmap", "tables", "history", "configuration"). */
    void show(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /**
     * The configuration forms' place: a placeholder until the configuration package (built separately) is wired
     * in here, in this one method.
     */
    /**
     * The Configuration tab: {@link ConfigurationScreen} for the chosen branch while the main screen shows,
     * opened with the signed-in client on entering it and closed on leaving it (sign-out, an ended session).
     */
    private Node configurationTab(AdminViewModel vm) {
        StackPane holder = new StackPane();
        holder.getStyleClass().add("tab-body");
        vm.screen.addListener((o, was, is) -> {
            if (is == AdminViewModel.Screen.MAIN && configuration == null && vm.staff() != null) {
                configuration = ConfigurationScreen.open(vm.staff(), vm.branch.get(), vm.owner(),
                        words.locale());
                holder.getChildren().setAll(configuration.root());
            } else if (is != AdminViewModel.Screen.MAIN) {
                closeConfiguration();
                holder.getChildren().clear();
            }
        });
        return holder;
    }

    /** Ends the Configuration tab's feed and background work (the app's close calls it too). */
    void closeConfiguration() {
        if (configuration != null) {
            configuration.close();
            configuration = null;
        }
    }

    /** A tab that loads its figures each time it is shown (and on its own Show button). */
    private Tab tab(String id, Node content, Runnable loadOnShow) {
        Tab t = new Tab(words.get("tab." + id), content);
        t.setId(id);
        if (loadOnShow != null) {
            t.selectedProperty().addListener((o, was, is) -> {
                if (is) {
                    loadOnShow.run();
                }
            });
        }
        return t;
    }

    // ---- pieces the tabs share ----

    /** {@code content} under a spinner and a "Loading…" line while {@code load} runs. */
    static Node withLoading(Node content, TabLoad load, Messages words) {
        return withLoading(content, load.loading, words);
    }

    /** {@code content} under a spinner while {@code busy} holds. */
    static Node withLoading(Node content, javafx.beans.value.ObservableBooleanValue busy, Messages words) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(64, 64);
        Label label = new Label(words.get("loading"));
        VBox shown = new VBox(8, spinner, label);
        shown.getStyleClass().add("loading");
        shown.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        shown.visibleProperty().bind(busy);
        shown.setMouseTransparent(true);
        return new StackPane(content, shown);
    }

    /** From and to pickers and a Show button that runs {@code load}. */
    static HBox range(ObjectProperty<LocalDate> from, ObjectProperty<LocalDate> to, Runnable load, Messages words,
                      String id) {
        DatePicker f = new DatePicker();
        f.setId(id + "-from");
        f.valueProperty().bindBidirectional(from);
        DatePicker t = new DatePicker();
        t.setId(id + "-to");
        t.valueProperty().bindBidirectional(to);
        Button show = new Button(words.get("range.show"));
        show.setId(id + "-show");
        show.getStyleClass().add("primary");
        show.setOnAction(e -> load.run());
        HBox bar = new HBox(10, new Label(words.get("range.from")), f, new Label(words.get("range.to")), t, show);
        bar.getStyleClass().add("toolbar");
        return bar;
    }
}
