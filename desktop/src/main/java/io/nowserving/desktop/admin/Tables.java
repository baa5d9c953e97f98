package io.nowserving.desktop.admin;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** TableView columns from record accessors: numbers sort as numbers, text as text, "—" shown for nothing. */
final class Tables {
    private Tables() {
    }

    static <R, V extends Comparable<V>> TableColumn<R, V> column(String title, Function<R, V> value) {
        TableColumn<R, V> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        return c;
    }

    /** A column showing {@code shown} of the value while sorting by the value itself. */
    static <R, V extends Comparable<V>> TableColumn<R, V> column(String title, Function<R, V> value,
                                                                 Function<V, String> shown) {
        TableColumn<R, V> c = column(title, value);
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : shown.apply(item));
            }
        });
        return c;
    }

    /** A table that fills its columns across its width and says {@code emptyText} when it has no rows. */
    static <R> TableView<R> table(String id, String emptyText) {
        TableView<R> t = new TableView<>();
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label(emptyText));
        return t;
    }
}
