package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.StaffUser;
import io.nowserving.shared.api.UserChange;
import io.nowserving.shared.client.AdminCalls;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Staff accounts (owners only): create one with a role and a temporary password (changed at its first sign-in),
 * set a new temporary password, disable or enable, delete. Admins and clerks created here work at this branch.
 */
final class UsersViewModel {
    static final List<String> ROLES = List.of("clerk", "admin", "owner");

    private final AdminCalls admin;
    private final String branch;
    private final FormStatus status;
    private final ObservableList<StaffUser> users = FXCollections.observableArrayList();

    UsersViewModel(AdminCalls admin, String branch, FormStatus status) {
        this.admin = admin;
        this.branch = branch;
        this.status = status;
    }

    ObservableList<StaffUser> users() {
        return users;
    }

    void reload() {
        status.load(admin::users, users::setAll);
    }

    void create(String username, String role, String password) {
        status.change(() -> {
            ConfigRules.username(username);
            if (!ROLES.contains(role)) {
                throw new InvalidField("role", "required");
            }
            return new UserChange(ConfigRules.password(password), role, role.equals("owner") ? null
                    : List.of(branch), null, null);
        }, u -> admin.createUser(username.strip(), u), u -> reload(), "notice.userCreated", username);
    }

    void resetPassword(StaffUser user, String password) {
        status.change(() -> new UserChange(ConfigRules.password(password), null, null, null, null),
                u -> admin.updateUser(user.username(), u), u -> reload(), "notice.passwordSet", user.username());
    }

    void toggleDisabled(StaffUser user) {
        boolean disable = !user.disabled();
        status.change(() -> UserChange.disabled(disable), u -> admin.updateUser(user.username(), u),
                u -> reload(), disable ? "notice.disabled" : "notice.enabled", user.username());
    }

    void delete(StaffUser user) {
        status.ask(() -> status.change(user::username, name -> {
            admin.deleteUser(name);
            return name;
        }, name -> reload(), "notice.deleted", user.username()), "confirm.deleteUser", user.username());
    }
}
