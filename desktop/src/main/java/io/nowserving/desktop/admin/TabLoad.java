package io.nowserving.desktop.admin;

import io.nowserving.shared.client.NowServingClient;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A tab's loading state: each load runs in the background with the signed-in client and the branch; a newer load
 * makes an older one's late answer count for nothing, so the tab always shows what was asked last.
 */
final class TabLoad {
    final BooleanProperty loading = new SimpleBooleanProperty();
    private final AdminViewModel vm;
    private int generation;

    TabLoad(AdminViewModel vm) {
        this.vm = vm;
    }

    /** Calls {@code call} with the client and branch off the FX thread; {@code then} gets the answer on it. */
    <T> void load(Function<NowServingClient, T> call, Consumer<T> then) {
        NowServingClient staff = vm.staff();
        if (staff == null) {
            return;
        }
        int mine = ++generation;
        loading.set(true);
        vm.context().background().task(() -> call.apply(staff)).onSuccess(r -> {
            if (mine == generation) {
                then.accept(r);
            }
        }).onFailure(e -> {
            if (mine == generation) {
                vm.fail(e);
            }
        }).onFinally(() -> {
            if (mine == generation) {
                loading.set(false);
            }
        }).start();
    }
}
