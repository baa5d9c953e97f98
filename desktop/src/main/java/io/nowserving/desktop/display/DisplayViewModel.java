package io.nowserving.desktop.display;

import io.nowserving.desktop.common.BranchState;
import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.RecentCall;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the waiting-room display shows, from the branch feed: the call in front (the one being announced, else the
 * newest), what each counter serves, the 8 calls before, waiting counts, the clock in the branch's zone, the QR
 * link, and whether the feed is offline. Only ticket numbers and counter ids pass through, never a clerk.
 * Every call and recall from the feed goes to {@code calls} (the announcement queue), which decides what to say.
 */
public final class DisplayViewModel implements FeedListener {
    /** The calls listed below the one in front. */
    public static final int PREVIOUS = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("HH:mm");

    /** A ticket number at a counter. */
    public record CallLine(String number, String counter) {
    }

    /** A service and how many wait for it. */
    public record WaitingLine(String name, String prefix, int waiting) {
    }

    private final Messages common;
    private final Clock clock;
    private final Consumer<Call> calls;
    private final StringProperty branchName = new SimpleStringProperty("");
    private final StringProperty clockText = new SimpleStringProperty("");
    private final ObjectProperty<CallLine> front = new SimpleObjectProperty<>();
    private final BooleanProperty flashing = new SimpleBooleanProperty();
    private final ObservableList<CallLine> serving = FXCollections.observableArrayList();
    private final ObservableList<CallLine> previous = FXCollections.observableArrayList();
    private final ObservableList<WaitingLine> waiting = FXCollections.observableArrayList();
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final StringProperty offlineText = new SimpleStringProperty("");
    private final BooleanProperty needsSnapshot = new SimpleBooleanProperty();
    private final QrState qr = new QrState();
    private BranchState state;
    private Call highlighted;
    private ZoneId zone = ZoneId.systemDefault();

    public DisplayViewModel(Messages common, Clock clock, Consumer<Call> calls) {
        this.common = common;
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public void onSnapshot(BranchSnapshot snapshot) {
        if (state != null && !state.acceptsSnapshot(snapshot)) {
            return;
        }
        state = BranchState.of(snapshot);
        zone = zoneOf(snapshot.timeZone());
        branchName.set(snapshot.name());
        refresh();
        tick();
    }

    @Override
    public void onEvent(Event e) {
        if (state == null) {
            return;
        }
        BranchState next = state.apply(e);
        if (next == state) {
            return;
        }
        state = next;
        refresh();
        if ((EventType.TICKET_CALLED.equals(e.type()) || EventType.TICKET_RECALLED.equals(e.type()))
                && e.ticket() != null && e.counter() != null) {
            calls.accept(new Call(e.ticket().number(), e.counter().id(), e.at(),
                    EventType.TICKET_RECALLED.equals(e.type())));
        }
    }

    @Override
    public void onOffline(Instant since) {
        offlineText.set(common.get("offline.lastUpdate", SHORT.format(since.atZone(zone))));
        offline.set(true);
    }

    /** The feed gave up for good (e.g. the branch was removed): said on the banner, which stays. */
    @Override
    public void onFailure(io.nowserving.shared.client.NowServingException failure) {
        offlineText.set(common.get("feed.stopped"));
        offline.set(true);
    }

    @Override
    public void onOnline() {
        offline.set(false);
    }

    /** The announcement queue's turn: {@code call} in front and flashing, or none (back to the newest). */
    public void highlight(Call call) {
        highlighted = call;
        refresh();
    }

    /** Once a second: the clock. */
    public void tick() {
        clockText.set(CLOCK.format(clock.instant().atZone(zone)));
    }

    private void refresh() {
        flashing.set(highlighted != null);
        if (state == null) {
            front.set(highlighted == null ? null : new CallLine(highlighted.number(), highlighted.counter()));
            return;
        }
        BranchSnapshot s = state.snapshot();
        List<RecentCall> recent = s.recentCalls();
        CallLine newest = recent.isEmpty() ? null : line(recent.get(0));
        front.set(highlighted != null ? new CallLine(highlighted.number(), highlighted.counter()) : newest);
        List<CallLine> before = new ArrayList<>();
        for (int i = 1; i < recent.size() && before.size() < PREVIOUS; i++) {
            before.add(line(recent.get(i)));
        }
        setIfChanged(previous, before);
        List<CallLine> now = new ArrayList<>();
        for (CounterView c : s.counters()) {
            if (c.serving() != null) {
                now.add(new CallLine(c.serving(), c.id()));
            }
        }
        setIfChanged(serving, now);
        setIfChanged(waiting, s.services().stream()
                .map(x -> new WaitingLine(x.name(), x.prefix(), x.waiting())).toList());
        needsSnapshot.set(state.needsSnapshot());
    }

    private static CallLine line(RecentCall r) {
        return new CallLine(r.number(), r.counter() == null ? "" : r.counter());
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> next) {
        if (!list.equals(next)) {
            list.setAll(next);
        }
    }

    private static ZoneId zoneOf(String id) {
        try {
            return id == null ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    public StringProperty branchName() {
        return branchName;
    }

    public StringProperty clockText() {
        return clockText;
    }

    public ObjectProperty<CallLine> front() {
        return front;
    }

    public BooleanProperty flashing() {
        return flashing;
    }

    public ObservableList<CallLine> serving() {
        return serving;
    }

    public ObservableList<CallLine> previous() {
        return previous;
    }

    public ObservableList<WaitingLine> waiting() {
        return waiting;
    }

    public BooleanProperty offline() {
        return offline;
    }

    public StringProperty offlineText() {
        return offlineText;
    }

    /** Set after {@code config.changed}: fetch a snapshot and hand it to {@link #onSnapshot}. */
    public BooleanProperty needsSnapshot() {
        return needsSnapshot;
    }

    public QrState qr() {
        return qr;
    }
}
