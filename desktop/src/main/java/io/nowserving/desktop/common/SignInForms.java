package io.nowserving.desktop.common;

import io.nowserving.shared.api.BranchSummary;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The staff apps' sign-in steps as forms: user name and password, the required password change, the branch. Words
 * from the app's bundle (keys {@code signIn.*}, {@code password.*}, {@code branch.title}); every button is off
 * while {@code busy}. Node ids ({@code #username}, {@code #signIn}, {@code #branch-<id>} …) are the tests' handles.
 */
public final class SignInForms {
    private final Messages words;
    private final ObservableBooleanValue busy;

    public SignInForms(Messages words, ObservableBooleanValue busy) {
        this.words = words;
        this.busy = busy;
    }

    /** User name and password; {@code submit} gets both (the password field is cleared). */
    public Node signIn(BiConsumer<String, String> submit, Node... explain) {
        TextField user = new TextField();
        user.setId("username");
        user.setPromptText(words.get("signIn.username"));
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText(words.get("signIn.password"));
        Button go = primary("signIn", words.get("signIn.submit"));
        go.setOnAction(e -> {
            submit.accept(user.getText(), password.getText());
            password.clear();
        });
        password.setOnAction(go.getOnAction());
        user.setOnAction(e -> password.requestFocus());
        VBox box = box(title("signIn.title"));
        box.getChildren().addAll(explain);
        box.getChildren().addAll(label("signIn.username"), user, label("signIn.password"), password, go);
        return box;
    }

    /** The new password twice; {@code submit} gets both. */
    public Node changePassword(BiConsumer<String, String> submit) {
        PasswordField first = new PasswordField();
        first.setId("newPassword");
        PasswordField again = new PasswordField();
        again.setId("repeatPassword");
        Button go = primary("changePassword", words.get("password.submit"));
        go.setOnAction(e -> submit.accept(first.getText(), again.getText()));
        again.setOnAction(go.getOnAction());
        Label explain = label("password.explain");
        explain.setWrapText(true);
        VBox box = box(title("password.title"));
        box.getChildren().addAll(explain, label("password.new"), first, label("password.repeat"), again, go);
        return box;
    }

    /** A button per branch of {@code branches} (kept up to date); {@code choose} gets the branch's id. */
    public Node branches(ObservableList<BranchSummary> branches, Consumer<String> choose) {
        FlowPane list = new FlowPane(12, 12);
        branches.addListener((ListChangeListener<BranchSummary>) c -> {
            list.getChildren().clear();
            for (BranchSummary b : branches) {
                Button button = primary("branch-" + b.id(), b.name());
                button.setOnAction(e -> choose.accept(b.id()));
                list.getChildren().add(button);
            }
        });
        VBox box = box(title("branch.title"));
        box.getChildren().add(list);
        return box;
    }

    /** A step's title. */
    public Label title(String key) {
        Label l = label(key);
        l.getStyleClass().add("title");
        return l;
    }

    public Label label(String key) {
        return new Label(words.get(key));
    }

    /** A step's column. */
    public static VBox box(Node... children) {
        VBox b = new VBox(10, children);
        b.setFillWidth(true);
        return b;
    }

    private Button primary(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("primary");
        b.disableProperty().bind(busy);
        return b;
    }
}
