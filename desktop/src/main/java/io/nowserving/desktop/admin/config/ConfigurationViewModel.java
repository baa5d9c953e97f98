package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.client.AdminCalls;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The branch's configuration (services, counters, opening hours, closed days, remote queueing) and the changes
 * made to it. Every change answers the whole new configuration, which replaces the shown one; a change made
 * elsewhere arrives as a {@code config.changed} event and is read again ({@link #reload()}).
 */
final class ConfigurationViewModel {
    private final AdminCalls admin;
    private final String branch;
    private final boolean owner;
    private final FormStatus status;
    private final ObjectProperty<BranchConfiguration> config = new SimpleObjectProperty<>();

    ConfigurationViewModel(AdminCalls admin, String branch, boolean owner, FormStatus status) {
        this.admin = admin;
        this.branch = branch;
        this.owner = owner;
        this.status = status;
    }

    ReadOnlyObjectProperty<BranchConfiguration> config() {
        return config;
    }

    FormStatus status() {
        return status;
    }

    /** Only owners change the branch's own settings (hours, closed days, remote queueing); admins see them. */
    boolean mayChangeBranch() {
        return owner;
    }

    void reload() {
        status.load(() -> admin.config(branch), this::show);
    }

    void addService(Drafts.Service draft) {
        status.change(() -> {
            String id = ConfigRules.id("id", draft.id());
            if (service(id) != null) {
                throw new InvalidField("id", "idTaken", id);
            }
            return draft.settings();
        }, s -> admin.putService(branch, draft.id().strip(), s), this::show, "notice.serviceAdded", draft.name());
    }

    void changeService(Drafts.Service draft) {
        status.change(draft::settings, s -> admin.putService(branch, draft.id(), s), this::show,
                "notice.saved");
    }

    void deleteService(String id) {
        BranchConfiguration.Service s = service(id);
        if (s != null) {
            status.ask(() -> status.change(() -> id, x -> admin.deleteService(branch, x), this::show,
                    "notice.deleted", s.name()), "confirm.deleteService", s.name());
        }
    }

    void addCounter(Drafts.Counter draft) {
        status.change(() -> {
            String id = ConfigRules.id("id", draft.id());
            if (config.get().counters().stream().anyMatch(c -> c.id().equals(id))) {
                throw new InvalidField("id", "idTaken", id);
            }
            return draft.settings();
        }, s -> admin.putCounter(branch, draft.id().strip(), s), this::show, "notice.counterAdded", draft.name());
    }

    void changeCounter(Drafts.Counter draft) {
        status.change(draft::settings, s -> admin.putCounter(branch, draft.id(), s), this::show, "notice.saved");
    }

    void deleteCounter(String id, String name) {
        status.ask(() -> status.change(() -> id, x -> admin.deleteCounter(branch, x), this::show,
                "notice.deleted", name), "confirm.deleteCounter", name);
    }

    void saveBranch(Drafts.Branch draft) {
        status.change(() -> draft.settings(config.get()), s -> admin.putBranch(branch, s), this::show,
                "notice.saved");
    }

    private BranchConfiguration.Service service(String id) {
        return config.get() == null ? null : config.get().services().stream().filter(s -> s.id().equals(id))
                .findFirst().orElse(null);
    }

    /** An older answer never replaces a newer configuration (a reload racing a change). */
    private void show(BranchConfiguration answer) {
        if (config.get() == null || answer.version() >= config.get().version()) {
            config.set(answer);
        }
    }
}
