package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admin app's state: the sign-in steps (an admin or owner; a required password change; the branch), then the
 * analytics of one branch, each tab its own view-model sharing this one's signed-in client and problem line.
 */
public final class AdminViewModel implements AutoCloseable {
    /** The steps of the window. */
    public enum Screen { SIGN_IN, CHANGE_PASSWORD, CHOOSE_BRANCH, MAIN }

    final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.SIGN_IN);
    final BooleanProperty busy = new SimpleBooleanProperty();
    final StringProperty problem = new SimpleStringProperty("");
    final StringProperty branch = new SimpleStringProperty();
    final StringProperty branchName = new SimpleStringProperty("");
    final ObservableList<BranchSummary> branches = FXCollections.observableArrayList();
    /** The branch's service ids, in the configured order (filters). */
    final ObservableList<String> serviceIds = FXCollections.observableArrayList();
    private final java.util.Map<String, String> names = new java.util.HashMap<>();

    private final AppContext context;
    private final NowServingClient client;
    private final Messages words;
    private final Problems problems;
    private final OverviewViewModel overview;
    private final DayViewModel day;
    private final HeatmapViewModel heatmap;
    private final TablesViewModel tables;
    private final HistoryViewModel history;
    private NowServingClient staff;
    private boolean owner;
    private String currentPassword;
    private ZoneId zone = ZoneId.systemDefault();
    private java.time.LocalTime dayStart = java.time.LocalTime.MIDNIGHT;
    private long serverOffset;

    public AdminViewModel(AppContext context, NowServingClient client) {
        this.context = context;
        this.client = client;
        this.words = context.messages(AdminApp.BUNDLE);
        this.problems = context.problems();
        this.overview = new OverviewViewModel(this);
        this.day = new DayViewModel(this);
        this.heatmap = new HeatmapViewModel(this);
        this.tables = new TablesViewModel(this);
        this.history = new HistoryViewModel(this);
    }

    AppContext context() {
        return context;
    }

    Messages words() {
        return words;
    }

    OverviewViewModel overview() {
        return overview;
    }

    DayViewModel day() {
        return day;
    }

    HeatmapViewModel heatmap() {
        return heatmap;
    }

    TablesViewModel tables() {
        return tables;
    }

    HistoryViewModel history() {
        return history;
    }

    /** The signed-in client, or null before sign-in. */
    NowServingClient staff() {
        return staff;
    }

    /** Whether the signed-in user is an owner (who may manage users and the branch's hours). */
    boolean owner() {
        return owner;
    }

    /** Whether {@code from}..{@code to} is a range of days; a backwards one is said in the problem line. */
    boolean isRange(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            return false;
        }
        if (to.isBefore(from)) {
            problem.set(words.get("range.backwards"));
            return false;
        }
        return true;
    }

    /** A service's name by id (the id for one no longer configured; "" for null). */
    String serviceName(String id) {
        return id == null ? "" : names.getOrDefault("service:" + id, id);
    }

    /** A counter's name by id, as {@link #serviceName}. */
    String counterName(String id) {
        return id == null ? "" : names.getOrDefault("counter:" + id, id);
    }

    ZoneId zone() {
        return zone;
    }

    /** The branch's clock now (the backend's, test clock included), as epoch ms. */
    long branchNow() {
        return context.clock().millis() + serverOffset;
    }

    /** The branch's business day now (before the day's start hour it is still the day before). */
    LocalDate today() {
        return java.time.Instant.ofEpochMilli(branchNow()).atZone(zone).toLocalDateTime()
                .minusSeconds(dayStart.toSecondOfDay()).toLocalDate();
    }

    // ---- sign-in steps ----

    public void signIn(String username, String password) {
        if (username.isBlank() || password.isEmpty()) {
            problem.set(words.get("signIn.missing"));
            return;
        }
        run(() -> client.login(username.trim(), password), (LoginAnswer a) -> {
            if ("clerk".equals(a.role())) {
                problem.set(words.get("signIn.clerk"));
                return;
            }
            use(a.token());
            owner = "owner".equals(a.role());
            if (a.mustChangePassword()) {
                currentPassword = password;
                screen.set(Screen.CHANGE_PASSWORD);
            } else {
                signedIn();
            }
        });
    }

    public void changePassword(String newPassword, String repeated) {
        if (newPassword.isEmpty() || !newPassword.equals(repeated)) {
            problem.set(words.get("password.mismatch"));
            return;
        }
        NowServingClient s = staff;
        run(() -> s.changePassword(currentPassword, newPassword), (LoginAnswer a) -> {
            currentPassword = null;
            use(a.token());
            signedIn();
        });
    }

    private void signedIn() {
        String wanted = context.settings().branch().orElse(null);
        NowServingClient s = staff;
        run(s::branches, (List<BranchSummary> list) -> {
            if (list.size() == 1) {
                chooseBranch(list.get(0).id());
            } else if (wanted != null && list.stream().anyMatch(b -> b.id().equals(wanted))) {
                chooseBranch(wanted);
            } else {
                branches.setAll(list);
                screen.set(Screen.CHOOSE_BRANCH);
            }
        });
    }

    public void chooseBranch(String id) {
        NowServingClient s = staff;
        run(() -> new Chosen(s.snapshot(id), s.admin().config(id)), (Chosen chosen) -> {
            BranchSnapshot snap = chosen.snapshot();
            dayStart = java.time.LocalTime.parse(chosen.config().businessDayStart());
            names.clear();
            chosen.config().services().forEach(x -> names.put("service:" + x.id(), x.name()));
            chosen.config().counters().forEach(x -> names.put("counter:" + x.id(), x.name()));
            serviceIds.setAll(chosen.config().services().stream().map(x -> x.id()).toList());
            branch.set(id);
            branchName.set(snap.name());
            zone = snap.timeZone() == null ? ZoneId.systemDefault() : ZoneId.of(snap.timeZone());
            serverOffset = snap.serverTime() - context.clock().millis();
            screen.set(Screen.MAIN);
            LocalDate today = today();
            day.date.set(today);
            heatmap.from.set(today.minusDays(27));
            heatmap.to.set(today);
            tables.from.set(today.minusDays(6));
            tables.to.set(today);
            overview.start(s, snap);
            history.reload();
        });
    }

    private record Chosen(BranchSnapshot snapshot, io.nowserving.shared.api.BranchConfiguration config) {
    }

    /** Leaves the branch and the session. */
    public void signOut() {
        NowServingClient s = staff;
        overview.stop();
        history.cancelExport();
        use(null);
        screen.set(Screen.SIGN_IN);
        if (s != null) {
            context.background().task(s::logout).start();
        }
    }

    /** A sign-in step in the background, one at a time. */
    <T> void run(Supplier<T> call, Consumer<T> then) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set("");
        context.background().task(call).onSuccess(r -> {
            busy.set(false);
            then.accept(r);
        }).onFailure(e -> {
            busy.set(false);
            fail(e);
        }).start();
    }

    /** Shows a refusal as a sentence; an ended session goes back to sign-in. */
    void fail(Throwable failure) {
        if (failure instanceof NowServingException e && e.code() == ErrorCode.UNAUTHORIZED
                && screen.get() == Screen.MAIN) {
            overview.stop();
            use(null);
            screen.set(Screen.SIGN_IN);
        }
        problem.set(problems.sentence(failure));
    }

    private void use(String token) {
        if (staff != null) {
            staff.close();
        }
        staff = token == null ? null : client.withBearerToken(token);
    }

    @Override
    public void close() {
        overview.stop();
        history.cancelExport();
        use(null);
    }
}
