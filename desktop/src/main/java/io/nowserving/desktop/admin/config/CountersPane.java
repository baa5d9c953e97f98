package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.BranchConfiguration.Counter;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.FlowPane;

/** The counters and which services each one calls from; add, change the chosen one, delete (after a question). */
final class CountersPane {
    private final ConfigurationViewModel vm;
    private final Forms forms;
    private final TableView<Counter> table;
    private final TextField id;
    private final TextField name;
    private final FlowPane services = new FlowPane(12, 8);

    CountersPane(ConfigurationViewModel vm, Forms forms) {
        this.vm = vm;
        this.forms = forms;
        table = forms.table("counters");
        table.getColumns().addAll(List.of(forms.column("counter.id", Counter::id),
                forms.column("counter.name", Counter::name),
                forms.column("counter.services", c -> String.join(", ", c.services().stream()
                        .map(this::serviceName).toList()))));
        forms.widths(table, 80, 220, 420);
        id = forms.field("counter-id");
        name = forms.field("counter-name");
        services.setId("counter-services");
        table.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> fill(c));
        vm.config().addListener((o, was, now) -> show(now));
    }

    Node root() {
        HBox buttons = forms.editButtons("counter", table, id, () -> vm.addCounter(draft()),
                () -> vm.changeCounter(draft()), () -> vm.deleteCounter(id.getText(), name.getText()));
        return forms.listAndForm(table, forms.heading("counters.form"), forms.grid("counter.id", id,
                "counter.name", name), forms.label("counter.servesHint"), services,
                buttons);
    }

    private Drafts.Counter draft() {
        return new Drafts.Counter(id.getText(), name.getText(), services.getChildren().stream()
                .map(n -> (CheckBox) n).filter(CheckBox::isSelected).map(b -> (String) b.getUserData()).toList());
    }

    private void fill(Counter c) {
        put(c == null ? new Drafts.Counter("", "", List.of()) : new Drafts.Counter(c.id(), c.name(), c.services()));
    }

    private void put(Drafts.Counter d) {
        id.setText(d.id());
        name.setText(d.name());
        services.getChildren().forEach(n -> ((CheckBox) n).setSelected(d.services().contains(
                (String) n.getUserData())));
    }

    /** A new configuration; what is being typed stays unless the chosen counter itself changed. */
    private void show(BranchConfiguration config) {
        Counter before = table.getSelectionModel().getSelectedItem();
        Drafts.Counter typed = draft();
        services.getChildren().setAll(config.services().stream().map(s -> {
            CheckBox box = new CheckBox(s.prefix() + "  " + s.name());
            box.setId("serves-" + s.id());
            box.setUserData(s.id());
            return box;
        }).toList());
        table.getItems().setAll(config.counters());
        config.counters().stream().filter(c -> c.id().equals(typed.id())).findFirst()
                .ifPresentOrElse(c -> table.getSelectionModel().select(c), () -> table.getSelectionModel()
                        .clearSelection());
        Counter after = table.getSelectionModel().getSelectedItem();
        if (java.util.Objects.equals(before, after)) {
            put(typed);
        } else {
            fill(after);
        }
    }

    private String serviceName(String serviceId) {
        BranchConfiguration config = vm.config().get();
        return config == null ? serviceId : config.services().stream().filter(s -> s.id().equals(serviceId))
                .map(BranchConfiguration.Service::name).findFirst().orElse(serviceId);
    }
}
