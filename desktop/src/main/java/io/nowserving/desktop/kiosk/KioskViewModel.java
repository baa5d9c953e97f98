package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.BranchState;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingException;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The kiosk's state and commands: the services from the branch feed, one ticket per touch, its receipt, the
 * language, accessible mode, and the way back to the start. Everything runs on the FX thread; the issuing call
 * and the printing run in the background.
 */
public final class KioskViewModel implements FeedListener {
    static final String BUNDLE = "io.nowserving.desktop.kiosk.messages";

    /** What fills the screen. */
    public enum Screen { START, TICKET, NOTICE }

    /** How the receipt is doing. */
    public enum Printing { NONE, PRINTING, PRINTED, FAILED }

    /** A full-screen message: a bundle key with the service's name, or (key null) a refusal in words. */
    public record Notice(String key, String service, Throwable cause) {
    }

    private final Locale home;
    private final Background background;
    private final BiFunction<String, String, Ticket> issuer;
    private final ReceiptPrinter printer;
    private final AudioSink audio;
    private final Clock clock;
    private final IdleTimeout idle = new IdleTimeout(this::backToStart);
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.START);
    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();
    private final BooleanProperty accessible = new SimpleBooleanProperty();
    private final ObservableList<ServiceChoice> services = FXCollections.observableArrayList();
    private final StringProperty branchName = new SimpleStringProperty("");
    private final BooleanProperty branchOpen = new SimpleBooleanProperty(true);
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty needsSnapshot = new SimpleBooleanProperty();
    private final ObjectProperty<Ticket> ticket = new SimpleObjectProperty<>();
    private final ObjectProperty<Printing> printing = new SimpleObjectProperty<>(Printing.NONE);
    private final ObjectProperty<PrinterProblem.Kind> printerProblem = new SimpleObjectProperty<>();
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();
    private final Set<String> closed = new HashSet<>();
    private BranchState state;
    private ZoneId zone = ZoneId.systemDefault();
    private Receipt receipt;

    /**
     * @param issuer issues a ticket of a service in a language (a blocking call: one call, one ticket)
     */
    public KioskViewModel(Locale home, Background background, BiFunction<String, String, Ticket> issuer,
                          ReceiptPrinter printer, AudioSink audio, Clock clock) {
        this.home = Messages.supported(home);
        this.background = background;
        this.issuer = issuer;
        this.printer = printer;
        this.audio = audio;
        this.clock = clock;
        locale.set(this.home);
        screen.addListener((o, was, now) -> restartIdle());
        locale.addListener((o, was, now) -> restartIdle());
        accessible.addListener((o, was, now) -> restartIdle());
    }

    /** Takes a ticket of {@code serviceId}: one touch, one call; touches while it runs do nothing. */
    public void take(String serviceId) {
        ServiceChoice choice = services.stream().filter(s -> s.id().equals(serviceId)).findFirst().orElse(null);
        if (busy.get() || screen.get() != Screen.START || offline.get() || choice == null || !choice.available()) {
            return;
        }
        busy.set(true);
        Locale l = locale.get();
        background.task(() -> issuer.apply(serviceId, l.toLanguageTag()))
                .onSuccess(t -> issued(t, choice))
                .onFailure(e -> refused(e, choice))
                .onFinally(() -> {
                    busy.set(false);
                    restartIdle();
                }).start();
    }

    private void issued(Ticket t, ServiceChoice choice) {
        ticket.set(t);
        receipt = new Receipt(t.number(), choice.name(), branchName.get(), ZonedDateTime.ofInstant(clock.instant(),
                zone), t.ahead() == null ? 0 : t.ahead(), t.trackUrl(), locale.get());
        screen.set(Screen.TICKET);
        if (accessible.get()) {
            audio.play(KioskVoice.ticket(t.number(), locale.get()), () -> { });
        }
        print();
    }

    /** Prints the ticket's receipt (again, after a printer problem): never a second ticket. */
    public void print() {
        if (receipt == null || printing.get() == Printing.PRINTING) {
            return;
        }
        if (!printer.prints()) {
            printing.set(Printing.NONE);
            return;
        }
        printing.set(Printing.PRINTING);
        printerProblem.set(null);
        byte[] bytes = EscPosReceipt.render(receipt, Messages.of(BUNDLE, receipt.locale()));
        background.task(() -> printer.print(bytes)).onSuccess(x -> printing.set(Printing.PRINTED)).onFailure(e -> {
            printerProblem.set(e instanceof PrinterProblem p ? p.kind() : PrinterProblem.Kind.OFFLINE);
            printing.set(Printing.FAILED);
        }).start();
    }

    private void refused(Throwable e, ServiceChoice choice) {
        needsSnapshot.set(true);
        ErrorCode code = e instanceof NowServingException n && !n.networkFailure() ? n.code() : null;
        if (code == ErrorCode.SERVICE_CLOSED) {
            closed.add(choice.id());
            refresh();
        }
        String key = code == ErrorCode.CAPACITY_EXHAUSTED ? "notice.capacity"
                : code == ErrorCode.BRANCH_CLOSED ? "notice.branchClosed"
                : code == ErrorCode.SERVICE_CLOSED ? "notice.serviceClosed"
                : e instanceof NowServingException n && n.networkFailure() ? "notice.offline" : null;
        notice.set(new Notice(key, choice.name(), e));
        screen.set(Screen.NOTICE);
    }

    /** Back to a fresh start screen: no ticket, the kiosk's own language, accessible mode off. */
    public void backToStart() {
        screen.set(Screen.START);
        ticket.set(null);
        receipt = null;
        notice.set(null);
        printing.set(Printing.NONE);
        printerProblem.set(null);
        accessible.set(false);
        locale.set(home);
        restartIdle();
    }

    public void toggleLanguage() {
        locale.set("zh".equals(locale.get().getLanguage()) ? Locale.ENGLISH : Messages.TRADITIONAL_CHINESE);
    }

    public void toggleAccessible() {
        accessible.set(!accessible.get());
        if (accessible.get()) {
            audio.play(KioskVoice.prompt(services, locale.get()), () -> { });
        }
    }

    /** Any touch of the screen. */
    public void touched() {
        idle.touched();
    }

    public void moreTime() {
        idle.more();
    }

    /** Once a second. */
    public void tick() {
        idle.tick();
    }

    private void restartIdle() {
        boolean fresh = screen.get() == Screen.START && !accessible.get() && home.equals(locale.get());
        idle.restart(!fresh && !busy.get(), accessible.get());
    }

    @Override
    public void onSnapshot(BranchSnapshot snapshot) {
        if (state != null && !state.acceptsSnapshot(snapshot)) {
            return;
        }
        state = BranchState.of(snapshot);
        zone = zoneOf(snapshot.timeZone());
        refresh();
    }

    @Override
    public void onEvent(Event e) {
        if (state == null) {
            return;
        }
        if (EventType.CONFIG_CHANGED.equals(e.type())) {
            // a service the backend said was closed may take tickets again after a change of configuration
            closed.clear();
        }
        BranchState next = state.apply(e);
        if (next != state) {
            state = next;
            refresh();
        }
    }

    @Override
    public void onOffline(Instant since) {
        offline.set(true);
    }

    @Override
    public void onOnline() {
        offline.set(false);
    }

    @Override
    public void onFailure(NowServingException failure) {
        offline.set(true);
    }

    private void refresh() {
        BranchSnapshot s = state.snapshot();
        branchName.set(s.name());
        branchOpen.set(s.open());
        var next = ServiceChoice.of(s, closed);
        if (!services.equals(next)) {
            services.setAll(next);
        }
        needsSnapshot.set(state.needsSnapshot());
    }

    private static ZoneId zoneOf(String id) {
        try {
            return id == null ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    /** The kiosk's words in the language chosen now. */
    public Messages words() {
        return Messages.of(BUNDLE, locale.get());
    }

    /** The notice in the language chosen now. */
    public String noticeText() {
        Notice n = notice.get();
        if (n == null) {
            return "";
        }
        return n.key() != null ? words().get(n.key(), n.service())
                : new Problems(Messages.of(locale.get())).sentence(n.cause());
    }

    public ObjectProperty<Screen> screen() {
        return screen;
    }

    public ObjectProperty<Locale> locale() {
        return locale;
    }

    public BooleanProperty accessible() {
        return accessible;
    }

    public ObservableList<ServiceChoice> services() {
        return services;
    }

    public StringProperty branchName() {
        return branchName;
    }

    public BooleanProperty branchOpen() {
        return branchOpen;
    }

    public BooleanProperty offline() {
        return offline;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** Set when the kiosk should fetch a fresh snapshot (after {@code config.changed} or a refusal). */
    public BooleanProperty needsSnapshot() {
        return needsSnapshot;
    }

    public ObjectProperty<Ticket> ticket() {
        return ticket;
    }

    public ObjectProperty<Printing> printing() {
        return printing;
    }

    public ObjectProperty<PrinterProblem.Kind> printerProblem() {
        return printerProblem;
    }

    public ObjectProperty<Notice> notice() {
        return notice;
    }

    /** Seconds until the screen goes back to the start, or -1 when it stays. */
    public ReadOnlyIntegerProperty secondsLeft() {
        return idle.left();
    }
}
