package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.FeedScreens;
import io.nowserving.desktop.common.MediaAudioSink;
import io.nowserving.desktop.common.Scheduler;
import io.nowserving.desktop.common.Ticker;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.client.BranchFeed;
import io.nowserving.shared.client.NowServingClient;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The touch kiosk on a stage (full screen on the chosen monitor), signed in with its device token: tickets are
 * issued as the kiosk. Closing (on the FX thread) ends its feed, timers, sound, printer and clients.
 */
public final class KioskApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskApp.class);
    /** How often the branch is read again in full, so opening hours starting or ending show. */
    static final long SNAPSHOT_EVERY_MS = 60_000;

    private final AppContext context;
    private final NowServingClient client;
    private final NowServingClient kiosk;
    private final ReceiptPrinter printer;
    private final AudioSink audio;
    private final Scheduler scheduler;
    private final KioskViewModel vm;
    private final KioskView view;
    private Stage stage;
    private BranchFeed feed;
    private String branch;
    private volatile boolean closed;
    private Ticker ticker;
    private Ticker refetcher;

    private KioskApp(AppContext context, ReceiptPrinter printer, AudioSink audio) {
        this.context = context;
        this.client = context.client();
        this.kiosk = context.settings().deviceToken().map(client::withBearerToken).orElse(null);
        if (kiosk == null) {
            log.warn("the kiosk is not paired: it issues tickets as a web customer would (pair it in the launcher)");
        }
        this.printer = printer;
        this.scheduler = Scheduler.of(context.background()).until(() -> closed);
        this.audio = audio != null ? audio : new MediaAudioSink(scheduler);
        NowServingClient issuing = kiosk != null ? kiosk : client;
        this.vm = new KioskViewModel(context.settings().locale(), context.background(),
                (service, language) -> issuing.issueTicket(branch,
                        new IssueTicketRequest(service, language, null, null)),
                printer, this.audio, context.clock());
        this.view = new KioskView(vm);
    }

    /** Opens the kiosk on {@code stage} (shown by this call), printing to the configured printer. */
    public static KioskApp open(Stage stage, AppContext context) {
        return open(stage, context, ReceiptPrinters.of(context.settings().printer()), null);
    }

    /** With a given printer and sound ({@code null}: the speakers), for tests. */
    static KioskApp open(Stage stage, AppContext context, ReceiptPrinter printer, AudioSink audio) {
        KioskApp app = new KioskApp(context, printer, audio);
        app.show(stage);
        app.start();
        return app;
    }

    private void show(Stage stage) {
        this.stage = stage;
        FeedScreens.show(stage, context, scheduler, vm.words().get("kiosk.title"), view::scene);
    }

    private void start() {
        ticker = Ticker.every(scheduler, 1000, vm::tick);
        vm.needsSnapshot().addListener((o, was, now) -> {
            if (now) {
                refetch();
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
        refetcher = Ticker.every(scheduler, SNAPSHOT_EVERY_MS, this::refetch);
    }

    private void refetch() {
        if (branch != null && !closed) {
            context.background().task(() -> client.snapshot(branch)).onSuccess(vm::onSnapshot)
                    .onFailure(e -> log.warn("no fresh snapshot of {} ({})", branch, e.toString())).start();
        }
    }

    KioskView view() {
        return view;
    }

    KioskViewModel viewModel() {
        return vm;
    }

    @Override
    public void close() {
        closed = true;
        ticker.stop();
        if (refetcher != null) {
            refetcher.stop();
        }
        audio.close();
        if (feed != null) {
            feed.close();
        }
        printer.close();
        if (kiosk != null) {
            kiosk.close();
        }
        client.close();
        if (stage != null) {
            stage.hide();
        }
    }
}
