package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.BranchState;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.RecentCall;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.WaitingTicket;
import io.nowserving.shared.client.BranchFeed;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The counter console's state and commands: the sign-in steps ({@link CounterSession}), then one counter of one
 * branch, live from the branch feed. Every command does nothing while another is in flight ({@code busy}) or while
 * the backend is unreachable; every refusal becomes one sentence in {@code problem}; an ended session returns to
 * sign-in and keeps the counter, so signing in again goes straight back to it.
 * <p>Larger than most classes: the console's commands and its feed state share {@code busy}, the counter and
 * the served ticket, and splitting them would pass those back and forth.
 */
public final class CounterViewModel implements FeedListener {
    /** The steps of the window. */
    public enum Screen { SIGN_IN, CHANGE_PASSWORD, CHOOSE_BRANCH, CHOOSE_COUNTER, CONSOLE }

    final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.SIGN_IN);
    final BooleanProperty busy = new SimpleBooleanProperty();
    final StringProperty problem = new SimpleStringProperty("");
    final StringProperty notice = new SimpleStringProperty("");
    final StringProperty offline = new SimpleStringProperty("");
    final StringProperty branch = new SimpleStringProperty();
    final StringProperty counter = new SimpleStringProperty();
    final StringProperty counterState = new SimpleStringProperty("closed");
    final StringProperty clerk = new SimpleStringProperty("");
    final ObjectProperty<Serving> serving = new SimpleObjectProperty<>();
    final StringProperty waited = new SimpleStringProperty("");
    final StringProperty servingFor = new SimpleStringProperty("");
    final ObjectProperty<WaitingRow> pendingCall = new SimpleObjectProperty<>();
    final BooleanProperty transferOpen = new SimpleBooleanProperty();
    final ObservableList<BranchSummary> branches = FXCollections.observableArrayList();
    final ObservableList<CounterView> counters = FXCollections.observableArrayList();
    final ObservableList<ServiceLine> services = FXCollections.observableArrayList();
    final ObservableList<ServiceStatus> transferTargets = FXCollections.observableArrayList();
    final ObservableList<RecentCall> recent = FXCollections.observableArrayList();
    /** Console actions are off while one runs and while the backend is unreachable. */
    final BooleanBinding actionsDisabled = busy.or(offline.isNotEmpty());
    final BooleanBinding counterClosed = Bindings.equal("closed", counterState);

    private final AppContext context;
    private final Messages words;
    private final Messages common;
    private final Problems problems;
    private final WaitingList waiting = new WaitingList();
    private final CounterSession session;
    private BranchState state;
    private BranchFeed feed;

    public CounterViewModel(AppContext context, NowServingClient client) {
        this.context = context;
        this.words = context.messages(CounterApp.BUNDLE);
        this.common = Messages.of(context.settings().locale());
        this.problems = context.problems();
        this.session = new CounterSession(this, client, context);
        context.settings().branch().ifPresent(branch::set);
        context.settings().counter().ifPresent(counter::set);
    }

    Messages words() {
        return words;
    }

    CounterSession session() {
        return session;
    }

    ObservableList<WaitingRow> waiting() {
        return waiting.rows();
    }

    // ---- console commands ----

    public void callNext() {
        act(c -> c.callNext(branch.get(), counter.get()), this::applyCalledNext);
    }

    public void recall() {
        act(c -> c.recall(branch.get(), counter.get()), this::apply);
    }

    public void complete() {
        act(c -> c.complete(branch.get(), counter.get()), this::apply);
    }

    public void noShow() {
        act(c -> c.noShow(branch.get(), counter.get()), this::apply);
    }

    public void reopen() {
        act(c -> c.reopen(branch.get(), counter.get()), this::apply);
    }

    /** Opens (or closes) the choice of the service to transfer to. */
    public void toggleTransfer() {
        if (!actionsDisabled.get()) {
            if (state != null) {
                refresh(); // the targets leave out the served ticket's own service, which may have just changed
            }
            transferOpen.set(!transferOpen.get() && serving.get() != null);
        }
    }

    public void transfer(String service) {
        transferOpen.set(false);
        act(c -> c.transfer(branch.get(), counter.get(), service), this::apply);
    }

    /** Pause when open, resume (open again) when paused. */
    public void pauseOrResume() {
        if ("paused".equals(counterState.get())) {
            act(c -> c.openCounter(branch.get(), counter.get()), this::apply);
        } else if ("open".equals(counterState.get())) {
            act(c -> c.pauseCounter(branch.get(), counter.get()), this::apply);
        }
    }

    /** Closes an open or paused counter; opens a closed one. */
    public void closeOrOpen() {
        if ("closed".equals(counterState.get())) {
            // closing signed the clerk out of the counter: sign in again (nothing changes when still in), then open
            act(c -> {
                c.signIn(branch.get(), counter.get());
                return c.openCounter(branch.get(), counter.get());
            }, this::apply);
        } else {
            act(c -> c.closeCounter(branch.get(), counter.get()), this::apply);
        }
    }

    /** Asks to confirm calling {@code row} out of turn (it jumps the queue). */
    public void askToCall(WaitingRow row) {
        if (!actionsDisabled.get()) {
            pendingCall.set(row);
        }
    }

    public void confirmCall() {
        WaitingRow row = pendingCall.get();
        pendingCall.set(null);
        if (row != null) {
            act(c -> c.call(branch.get(), counter.get(), row.id()), this::apply);
        }
    }

    public void cancelCall() {
        pendingCall.set(null);
    }

    /** Once a second: the running times. */
    public void tick() {
        Serving s = serving.get();
        long now = context.clock().millis();
        waited.set(s == null || s.queuedAt() <= 0 ? "" : words.get("serving.waited",
                ConsoleText.duration(s.calledAt() - s.queuedAt())));
        servingFor.set(s == null ? "" : words.get("serving.for", ConsoleText.duration(now - s.calledAt())));
    }

    /** A console command: nothing while busy or offline; refusals become the problem sentence. */
    private void act(Function<NowServingClient, CounterAction> call, Consumer<CounterAction> then) {
        NowServingClient staff = session.staff();
        if (actionsDisabled.get() || staff == null) {
            return;
        }
        run(() -> call.apply(staff), then);
    }

    /** Runs a blocking call in the background, once at a time. */
    <T> void run(Supplier<T> call, Consumer<T> then) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set("");
        notice.set("");
        // busy ends before the result is applied, so a step may start the next one (sign-in, then the counter)
        context.background().task(call).onSuccess(r -> {
            busy.set(false);
            then.accept(r);
        }).onFailure(e -> {
            busy.set(false);
            fail(e);
        }).start();
    }

    /** Shows a refusal; an ended session goes back to sign-in, keeping branch and counter. */
    void fail(Throwable failure) {
        if (failure instanceof NowServingException e && e.code() == ErrorCode.UNAUTHORIZED) {
            leaveConsole();
            session.expired();
            screen.set(Screen.SIGN_IN);
        }
        problem.set(problems.sentence(failure));
    }

    private void applyCalledNext(CounterAction a) {
        apply(a);
        if (a.ticket() == null) {
            notice.set(words.get("notice.nobodyWaiting"));
        }
    }

    private void apply(CounterAction a) {
        if (a.counter() != null) {
            counterState.set(a.counter().state());
        }
        Ticket t = a.ticket();
        if (t == null || !"called".equals(t.status())) {
            serving.set(null);
        } else if (serving.get() == null || !t.id().equals(serving.get().ticketId())) {
            long queuedAt = waiting.find(t.id()).map(WaitingRow::queuedAt).orElse(0L);
            serving.set(new Serving(t.id(), t.number(), t.service(), queuedAt, context.clock().millis()));
        }
        tick();
    }

    // ---- entering and leaving the console ----

    /** Shows the console of {@code counterId} in {@code branchId} (signed in there); the feed fills it. */
    void showConsole(String branchId, String counterId) {
        branch.set(branchId);
        counter.set(counterId);
        serving.set(null);
        waiting.clear();
        problem.set("");
        screen.set(Screen.CONSOLE);
    }

    /** Signed in at the counter: the console, its feed, and the tickets waiting now. */
    void enterConsole(NowServingClient staff, String branchId, String counterId) {
        showConsole(branchId, counterId);
        var s = context.settings();
        context.remember().apply(new DesktopSettings(s.mode(), s.backendUrl(),
                Optional.of(branchId), Optional.of(counterId), s.deviceToken(), s.locale(), s.screen(),
                s.fullScreen(), s.voices(), s.dataDir()));
        feed = staff.subscribe(branchId, context.fx().onFxThread(this));
    }

    void leaveConsole() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        serving.set(null);
        offline.set("");
        pendingCall.set(null);
        transferOpen.set(false);
    }

    // ---- the feed ----

    @Override
    public void onSnapshot(BranchSnapshot snapshot) {
        state = BranchState.of(snapshot);
        refresh();
        NowServingClient staff = session.staff();
        if (staff != null) {
            // the listing after the snapshot: events that follow it are applied on top (joins are de-duplicated)
            String b = branch.get();
            context.background().task(() -> staff.tickets(b, null, null)).onSuccess(this::listed)
                    .onFailure(this::fail).start();
        }
    }

    /** The fetched listing: waiting ones fill the list; the one called here is being served. */
    void listed(List<WaitingTicket> tickets) {
        waiting.replace(tickets);
        for (WaitingTicket t : tickets) {
            if ("called".equals(t.status()) && counter.get().equals(t.counter())
                    && (serving.get() == null || !t.id().equals(serving.get().ticketId()))) {
                serving.set(new Serving(t.id(), t.number(), t.service(), t.queuedAt(), context.clock().millis()));
            }
        }
        tick();
    }

    @Override
    public void onEvent(Event e) {
        if (state == null) {
            return;
        }
        state = state.apply(e);
        waiting.apply(e);
        if (e.counter() != null && e.counter().id().equals(counter.get()) && e.ticket() != null) {
            Event.TicketRef t = e.ticket();
            switch (e.type()) {
                case EventType.TICKET_CALLED, EventType.TICKET_REOPENED -> serving.set(
                        new Serving(t.id(), t.number(), t.service(), t.queuedAt(), e.at()));
                case EventType.TICKET_COMPLETED, EventType.TICKET_NO_SHOW, EventType.TICKET_TRANSFERRED -> {
                    if (serving.get() != null && t.id().equals(serving.get().ticketId())) {
                        serving.set(null);
                    }
                }
                default -> { }
            }
        }
        if (state.needsSnapshot()) {
            refetchSnapshot();
        }
        refresh();
        tick();
    }

    @Override
    public void onOffline(Instant since) {
        offline.set(common.get("offline.since", ConsoleText.clock(since,
                state == null ? null : state.snapshot().timeZone(), context.clock().getZone())));
        pendingCall.set(null);
        transferOpen.set(false);
    }

    @Override
    public void onOnline() {
        offline.set("");
    }

    @Override
    public void onFailure(NowServingException failure) {
        fail(failure);
    }

    private void refetchSnapshot() {
        NowServingClient staff = session.staff();
        String b = branch.get();
        if (staff != null) {
            context.background().task(() -> staff.snapshot(b)).onSuccess(s -> {
                if (state == null || state.acceptsSnapshot(s)) {
                    state = BranchState.of(s);
                    refresh();
                }
            }).onFailure(this::fail).start();
        }
    }

    /** Everything derived from the branch state. */
    private void refresh() {
        BranchSnapshot s = state.snapshot();
        // set only when changed: the lists rebuild their nodes on every change
        setIfChanged(counters, s.counters());
        setIfChanged(recent, s.recentCalls());
        Optional<CounterView> mine = s.counters().stream().filter(c -> c.id().equals(counter.get())).findFirst();
        mine.ifPresent(c -> {
            counterState.set(c.state());
            clerk.set(c.clerk() == null ? "" : c.clerk());
        });
        List<String> ids = mine.map(CounterView::services).orElse(List.of());
        setIfChanged(services, s.services().stream().filter(x -> ids.isEmpty() || ids.contains(x.id()))
                .map(x -> new ServiceLine(x.id(), x.name(), x.waiting(), ConsoleText.estimate(words, x)))
                .toList());
        Serving now = serving.get();
        setIfChanged(transferTargets, s.services().stream()
                .filter(x -> now == null || !x.id().equals(now.service())).toList());
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> value) {
        if (!list.equals(value)) {
            list.setAll(value);
        }
    }

    /** A service's name by id (the id when unknown). */
    String serviceName(String id) {
        if (state != null) {
            for (ServiceStatus x : state.snapshot().services()) {
                if (x.id().equals(id)) {
                    return x.name();
                }
            }
        }
        return id == null ? "" : id;
    }

    /** Ends the feed and the session's client (the window closes). */
    void close() {
        leaveConsole();
        session.close();
    }
}
