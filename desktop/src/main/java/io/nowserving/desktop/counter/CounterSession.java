package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.client.NowServingClient;
import java.util.List;

/**
 * The steps before the console: the clerk's sign-in (and a required password change), the branch (skipped when
 * there is one, or the settings name it) and the counter. Holds the signed-in client; an ended session keeps the
 * branch and counter, and the next sign-in goes straight back to that counter.
 */
final class CounterSession implements AutoCloseable {
    private final CounterViewModel vm;
    private final NowServingClient client;
    private final DesktopSettings settings;
    private NowServingClient staff;
    private String currentPassword;
    private boolean resume;

    CounterSession(CounterViewModel vm, NowServingClient client, AppContext context) {
        this.vm = vm;
        this.client = client;
        this.settings = context.settings();
    }

    /** The signed-in client, or null before sign-in. */
    NowServingClient staff() {
        return staff;
    }

    void signIn(String username, String password) {
        if (username.isBlank() || password.isEmpty()) {
            vm.problem.set(vm.words().get("signIn.missing"));
            return;
        }
        vm.run(() -> client.login(username.trim(), password), (LoginAnswer a) -> {
            use(a.token());
            if (a.mustChangePassword()) {
                currentPassword = password;
                vm.screen.set(CounterViewModel.Screen.CHANGE_PASSWORD);
            } else {
                signedIn();
            }
        });
    }

    void changePassword(String newPassword, String repeated) {
        if (newPassword.isEmpty() || !newPassword.equals(repeated)) {
            vm.problem.set(vm.words().get("password.mismatch"));
            return;
        }
        NowServingClient s = staff;
        vm.run(() -> s.changePassword(currentPassword, newPassword), (LoginAnswer a) -> {
            // the change ended every session of the user; go on with the new token
            currentPassword = null;
            use(a.token());
            signedIn();
        });
    }

    private void signedIn() {
        String branch = vm.branch.get() != null ? vm.branch.get() : settings.branch().orElse(null);
        if (branch != null) {
            chooseBranch(branch);
            return;
        }
        NowServingClient s = staff;
        vm.run(s::branches, (List<BranchSummary> list) -> {
            if (list.size() == 1) {
                chooseBranch(list.get(0).id());
            } else {
                vm.branches.setAll(list);
                vm.screen.set(CounterViewModel.Screen.CHOOSE_BRANCH);
            }
        });
    }

    void chooseBranch(String branch) {
        NowServingClient s = staff;
        vm.run(() -> s.snapshot(branch), (BranchSnapshot snap) -> {
            vm.branch.set(branch);
            vm.counters.setAll(snap.counters());
            vm.screen.set(CounterViewModel.Screen.CHOOSE_COUNTER);
            if (resume && vm.counter.get() != null) {
                resume = false;
                chooseCounter(vm.counter.get());
            }
        });
    }

    void chooseCounter(String counter) {
        NowServingClient s = staff;
        String branch = vm.branch.get();
        vm.run(() -> s.signIn(branch, counter), a -> vm.enterConsole(s, branch, counter));
    }

    /** Leaves the counter to others and ends the session (refused while a ticket is served). */
    void signOut() {
        NowServingClient s = staff;
        String branch = vm.branch.get();
        String counter = vm.counter.get();
        boolean atCounter = vm.screen.get() == CounterViewModel.Screen.CONSOLE;
        if (s == null || vm.busy.get()) {
            return;
        }
        vm.run(() -> {
            if (atCounter) {
                s.signOut(branch, counter);
            }
            s.logout();
            return null;
        }, x -> {
            vm.leaveConsole();
            use(null);
            vm.screen.set(CounterViewModel.Screen.SIGN_IN);
        });
    }

    /** The session ended by itself: sign in again, then back to the same counter. */
    void expired() {
        resume = vm.counter.get() != null;
        use(null);
    }

    private void use(String token) {
        if (staff != null) {
            staff.close();
        }
        staff = token == null ? null : client.withBearerToken(token);
    }

    @Override
    public void close() {
        use(null);
    }
}
