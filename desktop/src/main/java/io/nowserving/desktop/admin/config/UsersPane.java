package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.StaffUser;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Staff accounts (owners): create, set a new temporary password, disable or enable, delete (after a question). */
final class UsersPane {
    private final UsersViewModel vm;
    private final Forms forms;
    private final TableView<StaffUser> table;

    UsersPane(UsersViewModel vm, Forms forms) {
        this.vm = vm;
        this.forms = forms;
        table = forms.table("users");
        table.getColumns().addAll(List.of(forms.column("user.username", StaffUser::username),
                forms.column("user.role", u -> forms.role(u.role())),
                forms.column("user.branches", u -> u.role().equals("owner") ? forms.words().get("user.allBranches")
                        : String.join(", ", u.branches())),
                forms.column("user.state", u -> forms.words().get(u.disabled() ? "user.disabled" : "user.active"))));
        table.setItems(vm.users());
    }

    Node root() {
        TextField username = forms.field("user-name");
        ChoiceBox<String> role = forms.roles("user-role", UsersViewModel.ROLES);
        PasswordField password = new PasswordField();
        password.setId("user-password");
        Button create = forms.primary("user-create", "action.createUser");
        create.setOnAction(e -> {
            vm.create(username.getText(), role.getValue(), password.getText());
            password.clear();
        });
        PasswordField reset = new PasswordField();
        reset.setId("user-new-password");
        Button setPassword = forms.button("user-reset", "action.setPassword");
        setPassword.setOnAction(e -> {
            vm.resetPassword(chosen(), reset.getText());
            reset.clear();
        });
        Button toggle = forms.button("user-toggle", "action.disableOrEnable");
        toggle.setOnAction(e -> vm.toggleDisabled(chosen()));
        Button delete = forms.button("user-delete", "action.delete");
        delete.setOnAction(e -> vm.delete(chosen()));
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        setPassword.disableProperty().bind(none);
        toggle.disableProperty().bind(none);
        delete.disableProperty().bind(none);
        return forms.listAndForm(table, forms.heading("users.form"), forms.grid("user.username", username,
                "user.role", role, "user.password", password), forms.label("users.hint"), forms.row(create),
                forms.heading("users.chosen"), forms.grid("user.newPassword", reset),
                forms.row(setPassword, toggle, delete));
    }

    private StaffUser chosen() {
        return table.getSelectionModel().getSelectedItem();
    }
}
