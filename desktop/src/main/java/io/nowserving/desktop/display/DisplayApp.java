package io.nowserving.desktop.display;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.FeedScreens;
import io.nowserving.desktop.common.MediaAudioSink;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Scheduler;
import io.nowserving.desktop.common.Ticker;
import io.nowserving.shared.api.PresenceToken;
import io.nowserving.shared.client.BranchFeed;
import io.nowserving.shared.client.NowServingClient;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waiting-room display on a stage (full screen on the chosen monitor). Closing (on the FX thread) ends its
 * feed, timers, sound and client, and hides the stage.
 */
public final class DisplayApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DisplayApp.class);
    /** How long each call stays in front at least. */
    static final Duration MINIMUM_HIGHLIGHT = Duration.ofSeconds(5);
    static final String BUNDLE = "io.nowserving.desktop.display.messages";

    private final AppContext context;
    private final NowServingClient client;
    private final NowServingClient device;
    private final DisplayViewModel vm;
    private final AnnouncementQueue queue;
    private final DisplayView view;
    private final Scheduler scheduler;
    private Stage stage;
    private BranchFeed feed;
    private String branch;
    private volatile boolean closed;
    private Ticker ticker;

    private DisplayApp(AppContext context) {
        this.context = context;
        this.client = context.client();
        this.device = context.settings().deviceToken().map(client::withBearerToken).orElse(null);
        this.scheduler = Scheduler.of(context.background()).until(() -> closed);
        List<java.util.Locale> voices = context.settings().voices();
        AudioSink audio = voices.isEmpty() ? AudioSink.silent() : new MediaAudioSink(scheduler);
        Voice voice = new Voice(context.settings().dataDir().resolve("clips"), voices);
        this.vm = new DisplayViewModel(context.messages(Messages.COMMON), context.clock(), this::announce);
        this.queue = new AnnouncementQueue(scheduler, context.clock(), audio, voice::announce, MINIMUM_HIGHLIGHT,
                vm::highlight);
        this.view = new DisplayView(vm, context.messages(BUNDLE));
    }

    /** Opens the display on {@code stage} (shown by this call). */
    public static DisplayApp open(Stage stage, AppContext context) {
        DisplayApp app = new DisplayApp(context);
        app.show(stage);
        app.start();
        return app;
    }

    private void show(Stage stage) {
        this.stage = stage;
        FeedScreens.show(stage, context, scheduler, context.messages(BUNDLE).get("display.title"), view::scene);
    }

    private void start() {
        vm.tick();
        // each tick aims just past the next whole second, so the seconds shown never skip
        ticker = Ticker.start(scheduler, () -> 1010 - context.clock().millis() % 1000, vm::tick);
        vm.needsSnapshot().addListener((o, was, now) -> {
            if (now) {
                context.background().task(() -> client.snapshot(branch)).onSuccess(vm::onSnapshot).start();
            }
        });
        FeedScreens.chooseBranch(context, client, this::subscribe);
    }

    private void subscribe(String b) {
        if (closed) {
            return;
        }
        branch = b;
        feed = client.subscribe(b, context.fx().onFxThread(vm));
        if (device == null) {
            vm.qr().unpaired();
        } else {
            refreshPresence();
        }
    }

    /** Fetches a presence token and fetches the next well before it expires; retries every 5 s on failure. */
    private void refreshPresence() {
        context.background().task(() -> device.presence(branch)).onSuccess((PresenceToken t) -> {
            vm.qr().show(t);
            long left = t.expiresAt() - context.clock().millis();
            scheduler.after(Math.max(1000, left / 2), this::refreshPresence);
        }).onFailure(e -> {
            // while offline this repeats every 5 s: one line each, no stack trace
            log.warn("no presence token for the QR code ({}); trying again in 5 s", e.toString());
            scheduler.after(5000, this::refreshPresence);
        }).start();
    }

    private void announce(Call call) {
        queue.offer(call);
    }

    /** The scene's parts, for tests. */
    DisplayView view() {
        return view;
    }

    DisplayViewModel viewModel() {
        return vm;
    }

    @Override
    public void close() {
        closed = true;
        ticker.stop();
        queue.close();
        if (feed != null) {
            feed.close();
        }
        if (device != null) {
            device.close();
        }
        client.close();
        if (stage != null) {
            stage.hide();
        }
    }
}
