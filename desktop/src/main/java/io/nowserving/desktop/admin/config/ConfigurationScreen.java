package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.client.BranchFeed;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.util.Locale;
import javafx.scene.Parent;

/**
 * The admin app's Configuration tab for one branch: services, counters, opening hours and closed days, remote
 * queueing, devices, and (owners) users. It follows the branch's feed, so a change made elsewhere shows here at
 * once. Build and close it on the FX thread; it uses the given signed-in client and does not close it.
 */
public final class ConfigurationScreen {
    static final String BUNDLE = "io.nowserving.desktop.admin.config.messages";

    private final Background background;
    private final ConfigurationView view;
    private final BranchFeed feed;

    private ConfigurationScreen(NowServingClient signedIn, String branch, boolean owner, Locale locale,
                                FxThread fx, Background background) {
        this.background = background;
        Messages words = Messages.of(BUNDLE, locale);
        FormStatus status = new FormStatus(background, words, new BackendRefusals(words,
                new Problems(Messages.of(locale))));
        ConfigurationViewModel config = new ConfigurationViewModel(signedIn.admin(), branch, owner, status);
        DevicesViewModel devices = new DevicesViewModel(signedIn.admin(), branch, status);
        UsersViewModel users = owner ? new UsersViewModel(signedIn.admin(), branch, status) : null;
        this.view = new ConfigurationView(config, devices, users, new Forms(words));
        config.reload();
        devices.reload();
        if (users != null) {
            users.reload();
        }
        this.feed = signedIn.subscribe(branch, fx.onFxThread(new FeedListener() {
            @Override
            public void onSnapshot(BranchSnapshot snapshot) {
                config.reload();
            }

            @Override
            public void onEvent(Event event) {
                if (EventType.CONFIG_CHANGED.equals(event.type())) {
                    config.reload();
                }
            }
        }));
    }

    /** Builds the view + view-model for one branch, signed in as an admin (owner = may manage users). */
    public static ConfigurationScreen open(NowServingClient signedIn, String branch, boolean owner, Locale locale) {
        FxThread fx = FxThread.platform();
        return new ConfigurationScreen(signedIn, branch, owner, locale, fx, Background.start("admin-config", fx));
    }

    public Parent root() {
        return view.root();
    }

    /** Stops following the branch and the background work. */
    public void close() {
        feed.close();
        background.close();
    }
}
