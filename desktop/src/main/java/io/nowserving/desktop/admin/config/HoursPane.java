package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.BranchConfiguration;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Opening hours per weekday, the closed days and remote queueing: owners change them, admins see them. */
final class HoursPane {
    private final ConfigurationViewModel vm;
    private final Forms forms;
    private final Map<String, TextField> days = new LinkedHashMap<>();
    private final ListView<String> closed = new ListView<>();
    private final CheckBox remote;

    HoursPane(ConfigurationViewModel vm, Forms forms) {
        this.vm = vm;
        this.forms = forms;
        for (String day : Drafts.DAYS) {
            days.put(day, forms.field("hours-" + day));
        }
        closed.setId("closed-days");
        closed.setPlaceholder(forms.label("closedDays.none"));
        closed.setPrefHeight(220);
        remote = new CheckBox(forms.words().get("remote.label"));
        remote.setId("remote-queueing");
        vm.config().addListener((o, was, now) -> {
            if (was == null || !was.openingHours().equals(now.openingHours())
                    || !was.closedDays().equals(now.closedDays()) || was.remoteQueueing() != now.remoteQueueing()) {
                show(now); // a change to a service or counter leaves what is being typed here alone
            }
        });
    }

    Node root() {
        GridPane hours = new GridPane();
        hours.getStyleClass().add("form-grid");
        int row = 0;
        for (Map.Entry<String, TextField> e : days.entrySet()) {
            DayOfWeek day = DayOfWeek.of(Drafts.DAYS.indexOf(e.getKey()) + 1);
            hours.addRow(row++, new javafx.scene.control.Label(day.getDisplayName(TextStyle.FULL,
                    forms.words().locale())), e.getValue());
            GridPane.setHgrow(e.getValue(), Priority.ALWAYS);
        }
        DatePicker pick = new DatePicker();
        pick.setId("closed-day-picker");
        Button add = forms.button("closed-day-add", "action.addDay");
        add.setOnAction(e -> {
            if (pick.getValue() != null && !closed.getItems().contains(pick.getValue().toString())) {
                closed.getItems().add(pick.getValue().toString());
                closed.getItems().sort(null);
            }
        });
        Button remove = forms.button("closed-day-remove", "action.removeDay");
        remove.setOnAction(e -> closed.getItems().remove(closed.getSelectionModel().getSelectedItem()));
        Button save = forms.primary("hours-save", "action.save");
        save.setOnAction(e -> vm.saveBranch(draft()));
        VBox left = new VBox(12, forms.heading("hours.title"), forms.label("hours.hint"), hours,
                forms.heading("remote.title"), remote, forms.label("remote.hint"));
        VBox right = new VBox(12, forms.heading("closedDays.title"), closed, forms.row(pick, add, remove));
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox both = new HBox(24, left, right);
        VBox page = new VBox(16, both, save);
        if (!vm.mayChangeBranch()) {
            both.setDisable(true);
            save.setVisible(false);
            page.getChildren().add(0, forms.label("hours.ownersOnly"));
        }
        page.getStyleClass().add("tab-body");
        return page;
    }

    private Drafts.Branch draft() {
        Map<String, String> text = new LinkedHashMap<>();
        days.forEach((day, field) -> text.put(day, field.getText()));
        return new Drafts.Branch(text, List.copyOf(closed.getItems()), remote.isSelected());
    }

    private void show(BranchConfiguration config) {
        days.forEach((day, field) -> field.setText(HoursText.format(config.openingHours().getOrDefault(day,
                List.of()))));
        closed.getItems().setAll(config.closedDays());
        remote.setSelected(config.remoteQueueing());
    }
}
