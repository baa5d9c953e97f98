package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.BranchConfiguration.Service;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** The services: the list, and a form to add one, change the chosen one or delete it (after a question). */
final class ServicesPane {
    private final ConfigurationViewModel vm;
    private final Forms forms;
    private final TableView<Service> table;
    private final TextField id;
    private final TextField name;
    private final TextField prefix;
    private final TextField capacity;
    private final TextField target;
    private final TextField grace;
    private final TextField ahead;

    ServicesPane(ConfigurationViewModel vm, Forms forms) {
        this.vm = vm;
        this.forms = forms;
        table = forms.table("services");
        table.getColumns().addAll(java.util.List.of(forms.column("service.id", Service::id),
                forms.column("service.name", Service::name), forms.column("service.prefix", Service::prefix),
                forms.column("service.col.capacity", s -> s.dailyCapacity() == null ? forms.words().get("service.noLimit")
                        : s.dailyCapacity().toString()),
                forms.column("service.col.targetWait", s -> Drafts.Service.of(s).targetWaitMinutes()),
                forms.column("service.col.grace", s -> Drafts.Service.of(s).graceMinutes()),
                forms.column("service.col.ahead", s -> s.notifyAhead() == null ? forms.words().get("service.aheadDefault")
                        : s.notifyAhead().toString())));
        forms.widths(table, 95, 160, 60, 90, 110, 110, 95);
        id = forms.field("service-id");
        name = forms.field("service-name");
        prefix = forms.field("service-prefix");
        capacity = forms.field("service-capacity");
        capacity.setPromptText(forms.words().get("service.noLimit"));
        target = forms.field("service-target");
        grace = forms.field("service-grace");
        ahead = forms.field("service-ahead");
        ahead.setPromptText(forms.words().get("service.aheadDefault"));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, s) -> fill(s));
        vm.config().addListener((o, was, now) -> show(now));
        fill(null);
    }

    Node root() {
        HBox buttons = forms.editButtons("service", table, id, () -> vm.addService(draft()),
                () -> vm.changeService(draft()), () -> vm.deleteService(id.getText()));
        return forms.listAndForm(table, forms.heading("services.form"), forms.grid("service.id", id,
                "service.name", name, "service.prefix", prefix, "service.capacity", capacity,
                "service.targetWait", target, "service.grace", grace, "service.ahead", ahead), forms.label("services.hint"),
                buttons);
    }

    private Drafts.Service draft() {
        return new Drafts.Service(id.getText(), name.getText(), prefix.getText(), capacity.getText(),
                target.getText(), grace.getText(), ahead.getText());
    }

    private void fill(Service s) {
        put(s == null ? new Drafts.Service("", "", "", "", "10", "5", "") : Drafts.Service.of(s));
    }

    private void put(Drafts.Service d) {
        id.setText(d.id());
        name.setText(d.name());
        prefix.setText(d.prefix());
        capacity.setText(d.capacity());
        target.setText(d.targetWaitMinutes());
        grace.setText(d.graceMinutes());
        ahead.setText(d.notifyAhead());
    }

    /** A new configuration; what is being typed stays unless the chosen service itself changed. */
    private void show(BranchConfiguration config) {
        Service before = table.getSelectionModel().getSelectedItem();
        Drafts.Service typed = draft();
        table.getItems().setAll(config.services());
        config.services().stream().filter(s -> s.id().equals(typed.id())).findFirst()
                .ifPresentOrElse(s -> table.getSelectionModel().select(s), () -> table.getSelectionModel()
                        .clearSelection());
        if (java.util.Objects.equals(before, table.getSelectionModel().getSelectedItem())) {
            put(typed);
        }
    }
}
