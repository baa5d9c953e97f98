package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.Messages;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every form of the screen shares: one change at a time on the background executor ({@link #busy()}), the
 * outcome in one line (a {@link #problem()} or a {@link #notice()}), and a question to confirm before anything is
 * deleted ({@link #question()}, answered by {@link #confirm()} or {@link #cancel()}).
 */
final class FormStatus {
    private final Background background;
    private final Messages words;
    private final BackendRefusals refusals;
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty question = new SimpleStringProperty("");
    private Runnable confirmed = () -> { };

    FormStatus(Background background, Messages words, BackendRefusals refusals) {
        this.background = background;
        this.words = words;
        this.refusals = refusals;
    }

    Messages words() {
        return words;
    }

    ReadOnlyBooleanProperty busy() {
        return busy;
    }

    ReadOnlyStringProperty problem() {
        return problem;
    }

    ReadOnlyStringProperty notice() {
        return notice;
    }

    ReadOnlyStringProperty question() {
        return question;
    }

    /**
     * Checks and sends one change: {@code prepare} runs here (an {@link InvalidField} stops it with its sentence,
     * nothing sent), {@code send} on the background executor; on success {@code done} gets the answer and the
     * notice {@code doneKey} is shown.
     */
    <P, T> void change(Supplier<P> prepare, java.util.function.Function<P, T> send, Consumer<T> done,
                       String doneKey, Object... doneArgs) {
        if (busy.get()) {
            return;
        }
        P prepared;
        try {
            prepared = prepare.get();
        } catch (InvalidField e) {
            show(e);
            return;
        }
        busy.set(true);
        problem.set("");
        notice.set("");
        background.task(() -> send.apply(prepared)).onSuccess(answer -> {
            done.accept(answer);
            notice.set(words.get(doneKey, doneArgs));
        }).onFailure(this::show).onFinally(() -> busy.set(false)).start();
    }

    /** A read with no notice (lists, the configuration). */
    <T> void load(Supplier<T> read, Consumer<T> done) {
        background.task(read).onSuccess(done).onFailure(this::show).start();
    }

    /** Asks {@code questionKey} first; {@code action} runs only when confirmed. */
    void ask(Runnable action, String questionKey, Object... args) {
        confirmed = action;
        question.set(words.get(questionKey, args));
    }

    void confirm() {
        Runnable action = confirmed;
        cancel();
        action.run();
    }

    void cancel() {
        confirmed = () -> { };
        question.set("");
    }

    /** Forgets the last outcome and any open question (another tab was chosen: they were about that one). */
    void clear() {
        problem.set("");
        notice.set("");
        cancel();
    }

    void show(Throwable failure) {
        notice.set("");
        problem.set(refusals.sentence(failure));
    }
}
