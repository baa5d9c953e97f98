package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.Messages;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The building blocks every tab uses, so the tabs look alike: a list beside a form of labelled fields. */
final class Forms {
    private final Messages words;

    Forms(Messages words) {
        this.words = words;
    }

    Messages words() {
        return words;
    }

    TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        return f;
    }

    Button button(String id, String key) {
        Button b = new Button(words.get(key));
        b.setId(id);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    Button primary(String id, String key) {
        Button b = button(id, key);
        b.getStyleClass().add("primary");
        return b;
    }

    Label label(String key, Object... args) {
        Label l = new Label(words.get(key, args));
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped, never cut short
        return l;
    }

    Label heading(String key) {
        Label l = label(key);
        l.getStyleClass().add("form-heading");
        return l;
    }

    /** Labels (bundle keys) on the left, their fields on the right. */
    GridPane grid(Object... keysAndFields) {
        GridPane g = new GridPane();
        g.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().addAll(labels, fields);
        for (int i = 0; i + 1 < keysAndFields.length; i += 2) {
            Label l = label((String) keysAndFields[i]);
            l.setWrapText(false);
            g.addRow(i / 2, l, (Node) keysAndFields[i + 1]);
        }
        return g;
    }

    HBox row(Node... nodes) {
        HBox h = new HBox(8, nodes);
        h.getStyleClass().add("form-buttons");
        return h;
    }

    /** A choice of roles ({@code kiosk}, {@code clerk} …) shown in words ({@code role.<r>}), the first chosen. */
    ChoiceBox<String> roles(String id, List<String> roles) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(roles);
        box.setValue(roles.get(0));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String r) {
                return r == null ? "" : role(r);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        return box;
    }

    String role(String r) {
        return words.get("role." + r);
    }

    /** A column headed by {@code key} showing {@code value} of each row. */
    <T> TableColumn<T, String> column(String key, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(words.get(key));
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    <T> TableView<T> table(String id) {
        TableView<T> t = new TableView<>();
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setPlaceholder(label("list.empty"));
        HBox.setHgrow(t, Priority.ALWAYS);
        return t;
    }

    /**
     * Add, Save, Delete and New for a list of records with ids ({@code <prefix>-add} …): Add while nothing is
     * chosen (the id can be typed), Save and Delete for the chosen one (its id fixed), New clears the choice.
     */
    HBox editButtons(String prefix, TableView<?> table, TextField id, Runnable add, Runnable save, Runnable delete) {
        Button adding = primary(prefix + "-add", "action.add");
        adding.setOnAction(e -> add.run());
        Button saving = button(prefix + "-save", "action.save");
        saving.setOnAction(e -> save.run());
        Button deleting = button(prefix + "-delete", "action.delete");
        deleting.setOnAction(e -> delete.run());
        Button clear = button(prefix + "-new", "action.new");
        clear.setOnAction(e -> table.getSelectionModel().clearSelection());
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        saving.disableProperty().bind(none);
        deleting.disableProperty().bind(none);
        adding.disableProperty().bind(none.not());
        id.disableProperty().bind(none.not());
        return row(adding, saving, deleting, clear);
    }

    /** Starting widths of the columns, in proportion: the table shares its width out in these ratios. */
    void widths(TableView<?> table, double... px) {
        for (int i = 0; i < px.length; i++) {
            table.getColumns().get(i).setPrefWidth(px[i]);
        }
    }

    /** The list on the left, taking the room; the form on the right at a width that fits 1280 px. */
    HBox listAndForm(Node list, Node... form) {
        VBox side = new VBox(12, form);
        side.getStyleClass().add("form-side");
        side.setMinWidth(380);
        side.setPrefWidth(420);
        side.setMaxWidth(520);
        HBox box = new HBox(16, list, side);
        box.getStyleClass().add("tab-body");
        return box;
    }
}
