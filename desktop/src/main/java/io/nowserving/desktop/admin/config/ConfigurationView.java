package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.Stylesheets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Configuration tab of the admin app: one tab per kind of setting (Users for owners only), a question bar
 * that asks before anything is deleted, and one line with the outcome of the last change.
 */
final class ConfigurationView {
    private final BorderPane root = new BorderPane();

    ConfigurationView(ConfigurationViewModel config, DevicesViewModel devices, UsersViewModel users, Forms forms) {
        FormStatus status = config.status();
        TabPane tabs = new TabPane(tab("services", forms.words().get("tab.services"),
                new ServicesPane(config, forms).root()),
                tab("counters", forms.words().get("tab.counters"), new CountersPane(config, forms).root()),
                tab("hours", forms.words().get("tab.hours"), new HoursPane(config, forms).root()),
                tab("devices", forms.words().get("tab.devices"), new DevicesPane(devices, forms).root()));
        if (users != null) {
            tabs.getTabs().add(tab("users", forms.words().get("tab.users"), new UsersPane(users, forms).root()));
        }
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("config-tabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> status.clear());
        Label title = new Label();
        title.getStyleClass().add("config-title");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> config.config().get()
                == null ? forms.words().get("title.loading") : forms.words().get("title", config.config().get()
                .name()), config.config()));
        root.setTop(title);
        root.setCenter(tabs);
        root.setBottom(new VBox(question(status, forms), outcome(status)));
        root.getStyleClass().add("config");
        root.disableProperty().bind(config.config().isNull());
        root.getStylesheets().addAll(Stylesheets.of(ConfigurationView.class, "config.css"));
    }

    Parent root() {
        return root;
    }

    private static Tab tab(String id, String text, javafx.scene.Node content) {
        Tab t = new Tab(text, content);
        t.setId("tab-" + id);
        return t;
    }

    private static HBox question(FormStatus status, Forms forms) {
        Label text = new Label();
        text.setId("confirm-question");
        text.textProperty().bind(status.question());
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button yes = forms.primary("confirm-yes", "action.confirmDelete");
        yes.setOnAction(e -> status.confirm());
        Button no = forms.button("confirm-no", "action.cancel");
        no.setOnAction(e -> status.cancel());
        HBox bar = new HBox(12, text, yes, no);
        bar.getStyleClass().add("confirm-bar");
        bar.visibleProperty().bind(status.question().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static HBox outcome(FormStatus status) {
        Label problem = new Label();
        problem.setId("config-problem");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(status.problem());
        problem.setWrapText(true);
        Label notice = new Label();
        notice.setId("config-notice");
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(status.notice());
        notice.setWrapText(true);
        HBox line = new HBox(12, problem, notice);
        line.getStyleClass().add("outcome");
        return line;
    }
}
