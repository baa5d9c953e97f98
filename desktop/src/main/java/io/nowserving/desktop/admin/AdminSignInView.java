package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.SignInForms;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The steps before the analytics: sign-in as an admin or owner, a required password change, the branch. */
final class AdminSignInView {
    private final AdminViewModel vm;
    private final StackPane root = new StackPane();

    AdminSignInView(AdminViewModel vm) {
        this.vm = vm;
        SignInForms forms = new SignInForms(vm.words(), vm.busy);
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        problem.setId("signInProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problem);
        Label explain = forms.label("signIn.explain");
        explain.setWrapText(true);
        VBox card = new VBox(16, step(AdminViewModel.Screen.SIGN_IN, forms.signIn(vm::signIn, explain)),
                step(AdminViewModel.Screen.CHANGE_PASSWORD, forms.changePassword(vm::changePassword)),
                step(AdminViewModel.Screen.CHOOSE_BRANCH, forms.branches(vm.branches, vm::chooseBranch)), problem);
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
}
