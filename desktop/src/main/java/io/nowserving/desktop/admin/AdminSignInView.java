package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSummary;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The steps before the analytics: sign-in as an admin or owner, a required password change, the branch. */
final class AdminSignInView {
    private final AdminViewModel vm;
    private final Messages words;
    private final StackPane root = new StackPane();

    AdminSignInView(AdminViewModel vm) {
        this.vm = vm;
        this.words = vm.words();
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        problem.setId("signInProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problem);
        VBox card = new VBox(16, step(AdminViewModel.Screen.SIGN_IN, signIn()),
                step(AdminViewModel.Screen.CHANGE_PASSWORD, changePassword()),
                step(AdminViewModel.Screen.CHOOSE_BRANCH, branches()), problem);
        card.getStyleClass().add("sign-in-card");
        card.setMaxSize(640, Region.USE_PREF_SIZE);
        root.getChildren().add(card);
        root.getStyleClass().add("sign-in");
    }

    Parent root() {
        return root;
    }

    private Node step(AdminViewModel.Screen which, Node content) {
        content.visibleProperty().bind(vm.screen.isEqualTo(which));
        content.managedProperty().bind(content.visibleProperty());
        return content;
    }

    private Node signIn() {
        TextField user = new TextField();
        user.setId("username");
        PasswordField password = new PasswordField();
        password.setId("password");
        Button go = primary("signIn", words.get("signIn.submit"));
        go.setOnAction(e -> {
            vm.signIn(user.getText(), password.getText());
            password.clear();
        });
        password.setOnAction(go.getOnAction());
        user.setOnAction(e -> password.requestFocus());
        return box(title("signIn.title"), label("signIn.explain"), label("signIn.username"), user,
                label("signIn.password"), password, go);
    }

    private Node changePassword() {
        PasswordField first = new PasswordField();
        first.setId("newPassword");
        PasswordField again = new PasswordField();
        again.setId("repeatPassword");
        Button go = primary("changePassword", words.get("password.submit"));
        go.setOnAction(e -> vm.changePassword(first.getText(), again.getText()));
        again.setOnAction(go.getOnAction());
        return box(title("password.title"), label("password.explain"), label("password.new"), first,
                label("password.repeat"), again, go);
    }

    private Node branches() {
        FlowPane list = new FlowPane(12, 12);
        vm.branches.addListener((ListChangeListener<BranchSummary>) c -> {
            list.getChildren().clear();
            for (BranchSummary b : vm.branches) {
                Button choose = primary("branch-" + b.id(), b.name());
                choose.setOnAction(e -> vm.chooseBranch(b.id()));
                list.getChildren().add(choose);
            }
        });
        return box(title("branch.title"), list);
    }

    private Button primary(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("primary");
        b.disableProperty().bind(vm.busy);
        return b;
    }

    private Label title(String key) {
        Label l = label(key);
        l.getStyleClass().add("title");
        return l;
    }

    private Label label(String key) {
        Label l = new Label(words.get(key));
        l.setWrapText(true);
        return l;
    }

    private static VBox box(Node... children) {
        VBox b = new VBox(10, children);
        b.setFillWidth(true);
        return b;
    }
}
