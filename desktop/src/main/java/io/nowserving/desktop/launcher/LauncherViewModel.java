package io.nowserving.desktop.launcher;

import io.nowserving.desktop.common.ApiCompatibility;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.Device;
import io.nowserving.shared.client.NowServingClient;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The launcher's state: where the backend is (started here, or another machine's), the address phones use, the
 * branches, and whether this PC is paired as a display. Opening an app is the view's business.
 */
public final class LauncherViewModel implements AutoCloseable {
    private final Background background;
    private final Messages words;
    private final Problems problems;
    private final UnaryOperator<DesktopSettings> remember;
    private final Function<DesktopSettings, BackendHandle> backends;
    private DesktopSettings settings;
    private BackendHandle backend;
    private NowServingClient client;

    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty serverUrl = new SimpleStringProperty("");
    private final StringProperty phoneUrl = new SimpleStringProperty("");
    private final StringProperty phoneWarning = new SimpleStringProperty("");
    private final StringProperty adminPassword = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty pairing = new SimpleStringProperty("");
    private final BooleanProperty ready = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty paired = new SimpleBooleanProperty(false);
    private final ObservableList<String> branches = FXCollections.observableArrayList();
    private final ObjectProperty<String> branch = new SimpleObjectProperty<>();

    /** Where the apps' backend is: its URL, and what the launcher shows about it. */
    public interface BackendHandle extends AutoCloseable {
        String localUrl();

        Optional<String> phoneUrl();

        boolean reachableByPhones();

        Optional<String> adminPasswordFile();

        @Override
        void close();
    }

    public LauncherViewModel(DesktopSettings settings, Background background, UnaryOperator<DesktopSettings> remember,
                             Function<DesktopSettings, BackendHandle> backends) {
        this.settings = settings;
        this.background = background;
        this.words = Messages.of("io.nowserving.desktop.launcher.messages", settings.locale());
        this.problems = new Problems(Messages.of(settings.locale()));
        this.remember = remember;
        this.backends = backends;
        this.paired.set(settings.deviceToken().isPresent());
        branch.addListener((o, old, b) -> {
            if (b != null && !b.equals(this.settings.branch().orElse(null))) {
                this.settings = remember.apply(this.settings.withBranch(b));
            }
        });
    }

    /** Starts the backend here (no URL configured) or connects to the configured one; then lists the branches. */
    public void start() {
        busy.set(true);
        problem.set("");
        status.set(words.get(settings.backendUrl().isPresent() ? "status.connecting" : "status.starting"));
        background.task(() -> {
            BackendHandle b = backends.apply(settings);
            NowServingClient c = NowServingClient.builder(b.localUrl()).build();
            try {
                Optional<String> incompatible = ApiCompatibility.check(c, Messages.of(settings.locale()));
                return new Started(b, c, incompatible.orElse(null), c.branches());
            } catch (RuntimeException e) {
                c.close();
                b.close();
                throw e;
            }
        }).onSuccess(this::started).onFailure(e -> {
            status.set(words.get("status.failed"));
            problem.set(problems.sentence(e));
        }).onFinally(() -> busy.set(false)).start();
    }

    private record Started(BackendHandle backend, NowServingClient client, String incompatible,
                           java.util.List<BranchSummary> branches) {
    }

    private void started(Started s) {
        backend = s.backend();
        client = s.client();
        serverUrl.set(backend.localUrl());
        phoneUrl.set(backend.phoneUrl().orElse(backend.localUrl()));
        phoneWarning.set(backend.reachableByPhones() ? "" : words.get("phones.loopbackOnly"));
        adminPassword.set(backend.adminPasswordFile().map(f -> words.get("admin.passwordFile", f)).orElse(""));
        branches.setAll(s.branches().stream().map(BranchSummary::id).toList());
        branch.set(settings.branch().filter(branches::contains).orElse(branches.isEmpty() ? null : branches.get(0)));
        if (s.incompatible() != null) {
            status.set(words.get("status.failed"));
            problem.set(s.incompatible());
            return;
        }
        status.set(words.get(settings.backendUrl().isPresent() ? "status.connected" : "status.running"));
        ready.set(true);
    }

    /** An admin registers this PC as the chosen branch's display; the token goes into the settings file only. */
    public void pairAsDisplay(String username, String password, String deviceName) {
        pair("display", username, password, deviceName);
    }

    /**
     * An admin registers this PC as the chosen branch's {@code role} device ({@code display} or {@code kiosk}); the
     * token goes into the settings file only.
     */
    public void pair(String role, String username, String password, String deviceName) {
        String b = branch.get();
        if (client == null || b == null || busy.get()) {
            return;
        }
        busy.set(true);
        problem.set("");
        background.task(() -> {
            var session = client.login(username, password);
            try (NowServingClient admin = client.withBearerToken(session.token())) {
                Device d = admin.admin().createDevice(b, deviceName, role);
                try {
                    admin.logout();
                } catch (RuntimeException ignored) {
                    // the session ends by itself; the device is what matters
                }
                return d;
            }
        }).onSuccess(d -> {
            settings = remember.apply(settings.withBranch(b).withDeviceToken(d.token()));
            paired.set(true);
            pairing.set(words.get("kiosk".equals(role) ? "pair.doneKiosk" : "pair.done", b));
        }).onFailure(e -> problem.set(problems.sentence(e))).onFinally(() -> busy.set(false)).start();
    }

    /** The settings an app opened now starts with (the chosen branch, the device token). */
    public DesktopSettings settings() {
        return settings;
    }

    public String backendUrl() {
        return backend == null ? null : backend.localUrl();
    }

    public StringProperty status() {
        return status;
    }

    public StringProperty serverUrl() {
        return serverUrl;
    }

    public StringProperty phoneUrl() {
        return phoneUrl;
    }

    public StringProperty phoneWarning() {
        return phoneWarning;
    }

    public StringProperty adminPassword() {
        return adminPassword;
    }

    public StringProperty problem() {
        return problem;
    }

    public StringProperty pairing() {
        return pairing;
    }

    public BooleanProperty ready() {
        return ready;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public BooleanProperty paired() {
        return paired;
    }

    public ObservableList<String> branches() {
        return branches;
    }

    public ObjectProperty<String> branch() {
        return branch;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
