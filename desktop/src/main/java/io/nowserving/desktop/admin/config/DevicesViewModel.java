package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.Device;
import io.nowserving.shared.client.AdminCalls;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The branch's displays and kiosks: register one (its token is held here only until {@link #tokenSeen()}, and
 * the backend never shows it again) and revoke one.
 */
final class DevicesViewModel {
    static final List<String> ROLES = List.of("kiosk", "display");

    private final AdminCalls admin;
    private final String branch;
    private final FormStatus status;
    private final ObservableList<Device> devices = FXCollections.observableArrayList();
    private final ObjectProperty<Device> registered = new SimpleObjectProperty<>();

    DevicesViewModel(AdminCalls admin, String branch, FormStatus status) {
        this.admin = admin;
        this.branch = branch;
        this.status = status;
    }

    ObservableList<Device> devices() {
        return devices;
    }

    /** The device just registered, with its token, until {@link #tokenSeen()}; null otherwise. */
    ReadOnlyObjectProperty<Device> registered() {
        return registered;
    }

    void reload() {
        status.load(() -> admin.devices(branch), devices::setAll);
    }

    void register(String name, String role) {
        status.change(() -> {
            String n = ConfigRules.name("deviceName", name);
            if (!ROLES.contains(role)) {
                throw new InvalidField("role", "required");
            }
            return n;
        }, n -> admin.createDevice(branch, n, role), d -> {
            registered.set(d);
            reload();
        }, "notice.registered", name == null ? "" : name.strip());
    }

    void tokenSeen() {
        registered.set(null);
    }

    void revoke(Device device) {
        status.ask(() -> status.change(device::id, id -> {
            admin.deleteDevice(branch, id);
            return id;
        }, id -> {
            if (registered.get() != null && registered.get().id().equals(id)) {
                registered.set(null);
            }
            reload();
        }, "notice.revoked", device.name()), "confirm.revoke", device.name());
    }
}
