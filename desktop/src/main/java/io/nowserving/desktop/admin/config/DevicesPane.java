package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.QrImage;
import io.nowserving.shared.api.Device;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** Displays and kiosks: register one (its token and QR shown once), revoke the chosen one (after a question). */
final class DevicesPane {
    private final DevicesViewModel vm;
    private final Forms forms;
    private final TableView<Device> table;

    DevicesPane(DevicesViewModel vm, Forms forms) {
        this.vm = vm;
        this.forms = forms;
        table = forms.table("devices");
        table.getColumns().addAll(List.of(forms.column("device.name", Device::name),
                forms.column("device.role", d -> forms.role(d.role()))));
        table.setItems(vm.devices());
    }

    Node root() {
        TextField name = forms.field("device-name");
        ChoiceBox<String> role = forms.roles("device-role", DevicesViewModel.ROLES);
        Button register = forms.primary("device-register", "action.register");
        register.setOnAction(e -> vm.register(name.getText(), role.getValue()));
        Button revoke = forms.button("device-revoke", "action.revoke");
        revoke.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        revoke.setOnAction(e -> vm.revoke(table.getSelectionModel().getSelectedItem()));
        return forms.listAndForm(table, forms.heading("devices.form"), forms.grid("device.name", name,
                "device.role", role), forms.row(register, revoke), token());
    }

    /** The new device's token as text and as a QR code, until the person says it is written down. */
    private Node token() {
        TextField token = forms.field("device-token");
        token.setEditable(false);
        token.getStyleClass().add("token-text");
        ImageView qr = new ImageView();
        qr.setId("device-qr");
        qr.setFitWidth(180);
        qr.setFitHeight(180);
        qr.setPreserveRatio(true);
        Button done = forms.button("token-done", "action.tokenSeen");
        done.setOnAction(e -> vm.tokenSeen());
        VBox box = new VBox(8, forms.heading("token.title"), forms.label("token.hint"), token, qr, done);
        box.setId("token-panel");
        box.getStyleClass().add("token-panel");
        box.visibleProperty().bind(vm.registered().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        vm.registered().addListener((o, was, d) -> {
            token.setText(d == null ? "" : d.token());
            qr.setImage(d == null ? null : QrImage.of(d.token()));
        });
        return box;
    }
}
