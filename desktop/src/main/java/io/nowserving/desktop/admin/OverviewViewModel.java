package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.BranchState;
import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.api.StaffUser;
import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.api.WaitingTicket;
import io.nowserving.shared.client.BranchFeed;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import io.nowserving.shared.events.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live overview: the queues and counters from the branch feed, and today's KPI tiles from the summary route,
 * fetched again (with the waiting list, for the longest waits) after ticket and counter events, at most once a
 * second however busy the branch is.
 */
final class OverviewViewModel implements FeedListener {
    /** A service's queue now. */
    record ServiceRow(String id, String name, int waiting, String longestWait, String estimate) {
    }

    /** A counter now: its state in words, the number it serves, its clerk's user name. */
    record CounterRow(String id, String name, String state, String serving, String clerk) {
    }

    /** A KPI tile: what, how much, and a line of detail. */
    record Kpi(String id, String label, String value, String detail) {
    }

    static final long MIN_REFRESH_MS = 1000;

    final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    final ObservableList<CounterRow> counters = FXCollections.observableArrayList();
    final ObservableList<Kpi> kpis = FXCollections.observableArrayList();
    final StringProperty offline = new SimpleStringProperty("");
    final TabLoad load;

    private final AdminViewModel vm;
    private final AdminText text;
    private final Map<String, String> usernames = new HashMap<>();
    private List<WaitingTicket> waiting = List.of();
    private BranchState state;
    private BranchFeed feed;
    private ScheduledFuture<?> pending;
    private long lastRefresh = Long.MIN_VALUE / 2;
    private int refreshes;
    private long lastEventAt;

    OverviewViewModel(AdminViewModel vm) {
        this.vm = vm;
        this.text = new AdminText(vm.words());
        this.load = new TabLoad(vm);
    }

    /** Follows {@code snap}'s branch live. */
    void start(NowServingClient staff, BranchSnapshot snap) {
        stop();
        state = BranchState.of(snap);
        rebuild();
        feed = staff.subscribe(snap.id(), vm.context().fx().onFxThread(this));
        // user names for clerk ids: owners may list users; admins see the names of today's clerks from the summary
        vm.context().background().task(() -> staff.admin().users()).onSuccess(this::named)
                .onFailure(e -> { }).start();
        refreshNow();
    }

    void stop() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        offline.set("");
    }

    /** How many times the summary has been fetched (tests: the debounce). */
    int refreshes() {
        return refreshes;
    }

    /** Once a second: the longest waits grow. */
    void tick() {
        if (state != null) {
            rebuildServices();
        }
    }

    private void named(List<StaffUser> users) {
        users.forEach(u -> usernames.put(u.id(), u.username()));
        rebuild();
    }

    // ---- the feed ----

    @Override
    public void onSnapshot(BranchSnapshot snapshot) {
        state = BranchState.of(snapshot);
        rebuild();
        requestRefresh();
    }

    @Override
    public void onEvent(Event e) {
        if (state == null) {
            return;
        }
        state = state.apply(e);
        lastEventAt = Math.max(lastEventAt, e.at());
        if (state.needsSnapshot()) {
            refetchSnapshot();
        }
        rebuild();
        if (e.ticket() != null || e.counter() != null) {
            requestRefresh();
        }
    }

    @Override
    public void onOffline(Instant since) {
        offline.set(Messages.of(vm.words().locale()).get("offline.since",
                java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(since.atZone(vm.zone()))));
    }

    @Override
    public void onOnline() {
        offline.set("");
        requestRefresh();
    }

    @Override
    public void onFailure(NowServingException failure) {
        vm.fail(failure);
    }

    private void refetchSnapshot() {
        NowServingClient staff = vm.staff();
        String b = vm.branch.get();
        if (staff != null) {
            vm.context().background().task(() -> staff.snapshot(b)).onSuccess(s -> {
                if (state == null || state.acceptsSnapshot(s)) {
                    state = BranchState.of(s);
                    rebuild();
                }
            }).onFailure(vm::fail).start();
        }
    }

    // ---- the summary, debounced ----

    private void requestRefresh() {
        if (pending != null || feed == null) {
            return;
        }
        long delay = Math.max(0, lastRefresh + MIN_REFRESH_MS - vm.context().clock().millis());
        pending = vm.context().background().afterMillis(delay, () -> {
            pending = null;
            if (feed != null) {
                refreshNow();
            }
        });
    }

    private record Fetched(StatsSummary summary, List<WaitingTicket> waiting) {
    }

    private void refreshNow() {
        lastRefresh = vm.context().clock().millis();
        refreshes++;
        String b = vm.branch.get();
        LocalDate today = vm.today();
        load.load(s -> new Fetched(s.statsSummary(b, today, today), s.tickets(b, "waiting", null)), f -> {
            waiting = f.waiting();
            f.summary().perClerk().forEach(c -> {
                if (c.username() != null) {
                    usernames.putIfAbsent(c.clerk(), c.username());
                }
            });
            kpis.setAll(tiles(f.summary()));
            rebuild();
            Long through = f.summary().dataThrough();
            if (through == null ? lastEventAt > 0 : through < lastEventAt) {
                requestRefresh(); // the history behind the summary has not caught up with the feed yet
            }
        });
    }

    private List<Kpi> tiles(StatsSummary s) {
        StatsSummary.Kpis t = s.totals();
        StatsSummary.EstimateAccuracy acc = t.estimateAccuracy();
        List<Kpi> list = new ArrayList<>();
        list.add(tile("issued", text.number(t.issued()), text.words("kpi.issued.detail", t.cancelled())));
        list.add(tile("served", text.number(t.served()), text.words("kpi.served.detail", t.waits())));
        list.add(tile("noShowRate", text.percent(t.noShowRate()), text.words("kpi.noShowRate.detail", t.noShow())));
        list.add(tile("waitP50", text.duration(t.waitP50Seconds()), text.words("kpi.waitP50.detail")));
        list.add(tile("waitP90", text.duration(t.waitP90Seconds()), text.words("kpi.waitP90.detail")));
        list.add(tile("serviceLevel", text.percent(t.serviceLevel()), text.words("kpi.serviceLevel.detail")));
        list.add(tile("estimateAccuracy", text.percent(acc == null ? null : acc.withinShare()),
                text.words("kpi.estimateAccuracy.detail", acc == null ? 0 : acc.samples(),
                        text.duration(acc == null ? null : acc.meanSecondsOutside()))));
        list.add(tile("idle", text.duration(s.idleWhileWaitingSeconds()), text.words("kpi.idle.detail")));
        return list;
    }

    private Kpi tile(String id, String value, String detail) {
        return new Kpi(id, text.words("kpi." + id), value, detail);
    }

    private void rebuild() {
        rebuildServices();
        List<CounterRow> rows = new ArrayList<>();
        for (CounterView c : state.snapshot().counters()) {
            String clerk = c.clerk() == null || c.clerk().isEmpty() ? text.words("none")
                    : usernames.getOrDefault(c.clerk(), c.clerk());
            rows.add(new CounterRow(c.id(), c.name(), text.words("state." + c.state()),
                    c.serving() == null ? text.words("none") : c.serving(), clerk));
        }
        setIfChanged(counters, rows);
    }

    private void rebuildServices() {
        Map<String, Long> oldest = new HashMap<>();
        for (WaitingTicket t : waiting) {
            if ("waiting".equals(t.status())) {
                oldest.merge(t.service(), t.queuedAt(), Math::min);
            }
        }
        long now = vm.branchNow();
        List<ServiceRow> rows = new ArrayList<>();
        for (BranchSnapshot.ServiceStatus x : state.snapshot().services()) {
            Long since = x.waiting() == 0 ? null : oldest.get(x.id());
            rows.add(new ServiceRow(x.id(), x.name(), x.waiting(),
                    since == null ? text.words("none") : text.duration((now - since) / 1000),
                    x.waiting() == 0 ? text.words("none") : text.estimate(x.estimatedWait())));
        }
        setIfChanged(services, rows);
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> value) {
        if (!list.equals(value)) {
            list.setAll(value);
        }
    }
}
