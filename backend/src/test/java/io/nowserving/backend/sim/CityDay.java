package io.nowserving.backend.sim;

import io.nowserving.backend.testing.Await;
import io.nowserving.shared.api.BranchSettings;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.ServiceSettings;
import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.UserChange;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A simulated city day (issue 16) driven through the real HTTP API with the shared Java client: per branch an
 * hourly arrival curve with a morning and an afternoon peak, weighted services, clerks with log-normal service
 * times, no-shows (some return within the grace), transfers and phones cancelling, sped up through the backend's
 * test clock ({@code PUT /api/v1/test/branches/{b}/clock}, on with NOWSERVING_TEST_CLOCK). The model is seeded:
 * the same options give the same plan. The simulator keeps its own tally and checks at the end that nothing was
 * lost, nothing called while not waiting, and that the analytics equal the tally (see {@link Result#problems}).
 *
 * <p>Sped-up time: a ticker per branch moves the branch's clock offset to the simulated time every
 * {@code tickMs}; requests hold a read lock, the ticker the write lock, so every request knows the backend's
 * time to within its own duration. The ticker never lands within a minute before a whole hour (it jumps to the
 * hour instead), so an action's hour as the simulator counts it is the hour the backend records.
 */
public final class CityDay {
    static final ZoneId ZONE = ZoneId.of("Asia/Taipei");
    static final String[] SERVICES = {"a", "b", "c"};
    static final String[] SERVICE_NAMES = {"General", "Accounts", "Permits"};
    static final int[] SERVICE_WEIGHTS = {5, 3, 2};
    static final double[] SERVICE_MEAN_SECONDS = {300, 420, 600};
    static final int GRACE_SECONDS = 1800;
    private static final long HOUR_MARGIN_MS = 60_000;
    private static final long MINUTE = 60_000;

    /** What to run; {@code urls}: backends, branches spread over them (phones on one, clerks on the next). */
    public record Options(List<String> urls, String ownerUser, String ownerPassword, int branches, int tickets,
                          double speed, int clerks, long seed, long tickMs) {
        public static Options fromSystemProperties(List<String> urls, String ownerUser, String ownerPassword) {
            return new Options(urls, ownerUser, ownerPassword, Integer.getInteger("sim.branches", 2),
                    Integer.getInteger("sim.tickets", 150), Double.parseDouble(System.getProperty("sim.speed",
                    "5000")), Integer.getInteger("sim.clerks", 3), Long.getLong("sim.seed", 16),
                    Long.getLong("sim.tickMs", 40));
        }
    }

    /** The simulator's own counts of one branch: per service and local hour of the backend's clock. */
    public static final class Tally {
        final Map<String, int[]> issuedByService = new TreeMap<>();
        final Map<String, int[]> servedByService = new TreeMap<>();
        final Map<String, int[]> noShowByService = new TreeMap<>();
        final Map<String, int[]> cancelledByService = new TreeMap<>();
        final Map<String, int[]> transfersByService = new TreeMap<>();
        final int[] issuedByHour = new int[24];
        final int[] servedByHour = new int[24];
        final int[] noShowByHour = new int[24];

        synchronized void add(Map<String, int[]> m, String service, int[] byHour, int hour) {
            m.computeIfAbsent(service, k -> new int[1])[0]++;
            if (byHour != null) {
                byHour[hour]++;
            }
        }

        static int sum(Map<String, int[]> m) {
            return m.values().stream().mapToInt(v -> v[0]).sum();
        }

        static int of(Map<String, int[]> m, String service) {
            int[] v = m.get(service);
            return v == null ? 0 : v[0];
        }

        @Override
        public synchronized String toString() {
            return "issued=" + sum(issuedByService) + " served=" + sum(servedByService) + " noShow="
                    + sum(noShowByService) + " cancelled=" + sum(cancelledByService) + " transfers="
                    + sum(transfersByService);
        }
    }

    /** The outcome of a run: per branch its tally, and every problem the checks found (none when all is well). */
    public record Result(LocalDate day, Map<String, Tally> tallies, List<String> problems, long millis) {
        public int total(java.util.function.Function<Tally, Map<String, int[]>> f) {
            return tallies.values().stream().mapToInt(t -> Tally.sum(f.apply(t))).sum();
        }

        /** One line for the log and BENCHMARKS.md. */
        public String summary() {
            return "city day " + day + ": " + tallies.size() + " branches, issued=" + total(t -> t.issuedByService)
                    + " served=" + total(t -> t.servedByService) + " noShow=" + total(t -> t.noShowByService)
                    + " cancelled=" + total(t -> t.cancelledByService) + " transfers="
                    + total(t -> t.transfersByService) + " in " + millis / 1000.0 + " s; problems: "
                    + (problems.isEmpty() ? "none" : problems.size() + " " + problems.subList(0,
                    Math.min(5, problems.size())));
        }
    }

    private enum State { PLANNED, WAITING, CALLED, AWAY, SERVED, NO_SHOW, CANCELLED }

    /** One planned customer and what became of them. */
    private static final class Customer {
        final long arrivalMs;
        final String service;
        final long cancelAfterMs; // -1: never cancels
        final boolean noShow;
        final long returnAfterMs; // -1: a no-show who does not come back
        final String transferTo;
        final double serviceSeconds;
        String id;
        String token;
        String now; // the service it waits in or ended in
        State state = State.PLANNED;
        boolean noShowDone;
        boolean transferDone;
        int noShowHour;
        int calls;

        Customer(long arrivalMs, String service, long cancelAfterMs, boolean noShow, long returnAfterMs,
                 String transferTo, double serviceSeconds) {
            this.arrivalMs = arrivalMs;
            this.service = service;
            this.now = service;
            this.cancelAfterMs = cancelAfterMs;
            this.noShow = noShow;
            this.returnAfterMs = returnAfterMs;
            this.transferTo = transferTo;
            this.serviceSeconds = serviceSeconds;
        }
    }

    /**
     * Against running backends (NOWSERVING_TEST_CLOCK=true, rate limit raised): {@code --url http://a:8080
     * --url http://b:8080 --user admin --password ...}; sizes from -Dsim.branches, -Dsim.tickets, -Dsim.speed,
     * -Dsim.clerks, -Dsim.seed. Exits 1 when a check failed.
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> urls = new ArrayList<>();
        String user = "admin";
        String password = System.getenv("NOWSERVING_ADMIN_PASSWORD");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> urls.add(args[i + 1]);
                case "--user" -> user = args[i + 1];
                case "--password" -> password = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (urls.isEmpty()) {
            urls.add("http://127.0.0.1:8080");
        }
        Result r = new CityDay(Options.fromSystemProperties(urls, user, password)).run();
        System.out.println(r.summary() + "; load average " + loadAverage());
        System.exit(r.problems().isEmpty() ? 0 : 1);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private final Options o;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timers;
    private volatile boolean aborted;
    private long deadline;

    public CityDay(Options options) {
        this.o = options;
    }

    /** The seeded plan of one branch: arrivals sorted by simulated time (ms since the day's 08:00). */
    static List<Customer> plan(long seed, int branch, int tickets) {
        Random r = new Random(seed * 1_000_003L + branch);
        int weights = Arrays.stream(SERVICE_WEIGHTS).sum();
        List<Customer> out = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            // morning peak around 10:00, afternoon peak around 14:30; the day is 08:00-17:00
            double hours;
            do {
                hours = r.nextDouble() < 0.55 ? 2 + r.nextGaussian() * 0.9 : 6.5 + r.nextGaussian() * 1.1;
            } while (hours < 0 || hours >= 9);
            int pick = r.nextInt(weights);
            int s = 0;
            while (pick >= SERVICE_WEIGHTS[s]) {
                pick -= SERVICE_WEIGHTS[s++];
            }
            boolean cancels = r.nextDouble() < 0.06;
            long cancelAfter = cancels ? (long) ((5 + r.nextDouble() * 40) * MINUTE) : -1;
            boolean noShow = r.nextDouble() < 0.08;
            long returnAfter = noShow && r.nextDouble() < 0.4 ? (long) ((1 + r.nextDouble() * 6) * MINUTE) : -1;
            String transfer = !noShow && r.nextDouble() < 0.07 ? SERVICES[(s + 1 + r.nextInt(2)) % 3] : null;
            double sigma = 0.5; // log-normal service time with the service's mean
            double mu = Math.log(SERVICE_MEAN_SECONDS[s]) - sigma * sigma / 2;
            double serviceSeconds = Math.exp(mu + sigma * r.nextGaussian());
            out.add(new Customer((long) (hours * 3600_000), SERVICES[s], cancelAfter, noShow, returnAfter, transfer,
                    serviceSeconds));
        }
        out.sort((a, b) -> Long.compare(a.arrivalMs, b.arrivalMs));
        return out;
    }

    /** Plays the day on fresh branches, waits for the analytics and checks them; never throws for a failed check. */
    public Result run() throws InterruptedException {
        long started = System.currentTimeMillis();
        String tag = Long.toString(started % 1_000_000_000L, 36);
        LocalDate day = LocalDate.now(ZONE).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        List<NowServingClient> clients = new ArrayList<>();
        NowServingClient anonymous = NowServingClient.builder(o.urls().get(0)).build();
        String ownerToken = anonymous.login(o.ownerUser(), o.ownerPassword()).token();
        NowServingClient owner = anonymous.withBearerToken(ownerToken);
        clients.add(anonymous);
        clients.add(owner);
        List<Branch> branches = new ArrayList<>();
        for (int i = 0; i < o.branches(); i++) {
            String id = "sim-" + tag + "-" + i;
            setUp(owner, id);
            String clerkPassword = "sim-clerk-" + tag;
            owner.admin().createUser("clerk-" + id, new UserChange(clerkPassword, "clerk", List.of(id), null, false));
            NowServingClient plain = NowServingClient.builder(o.urls().get((i + 1) % o.urls().size())).build();
            NowServingClient staffPlain = NowServingClient.builder(o.urls().get(i % o.urls().size())).build();
            NowServingClient clerk = staffPlain.withBearerToken(staffPlain.login("clerk-" + id, clerkPassword).token());
            clients.addAll(List.of(plain, staffPlain, clerk));
            branches.add(new Branch(id, i, day, plain, clerk, owner,
                    new TestClockPut(o.urls().get(i % o.urls().size()), ownerToken)));
        }
        // the day lasts 9 simulated hours plus the queue's tail; a run that takes far longer has gone wrong
        deadline = System.currentTimeMillis() + (long) (3 * 9 * 3600_000 / o.speed()) + 60_000;
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(
                Math.min(8, 1 + o.branches()));
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // phones whose ticket ended meanwhile
        timers = pool;
        List<Thread> threads = new ArrayList<>();
        for (Branch b : branches) {
            b.clock.start(timers);
            threads.add(start(b.id + "-arrivals", b::arrivals));
            for (int c = 1; c <= o.clerks(); c++) {
                String counter = Integer.toString(c);
                threads.add(start(b.id + "-clerk-" + c, () -> b.clerk(counter)));
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        timers.shutdown();
        timers.awaitTermination(10, TimeUnit.SECONDS);
        Map<String, Tally> tallies = new TreeMap<>();
        for (Branch b : branches) {
            b.checkOutcomes();
            tallies.put(b.id, b.tally);
        }
        for (Branch b : branches) {
            b.checkAnalytics();
        }
        clients.forEach(NowServingClient::close);
        return new Result(day, tallies, List.copyOf(problems), System.currentTimeMillis() - started);
    }

    private void setUp(NowServingClient owner, String id) {
        Map<String, List<List<String>>> always = new TreeMap<>();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            always.put(d, List.of(List.of("00:00", "24:00")));
        }
        owner.admin().putBranch(id, new BranchSettings("Simulated " + id, ZONE.getId(), "04:00", always, List.of(),
                true));
        for (int s = 0; s < SERVICES.length; s++) {
            owner.admin().putService(id, SERVICES[s], new ServiceSettings(SERVICE_NAMES[s],
                    SERVICES[s].toUpperCase(java.util.Locale.ROOT), null, 900, GRACE_SECONDS));
        }
        for (int c = 1; c <= o.clerks(); c++) {
            owner.admin().putCounter(id, Integer.toString(c), new CounterSettings("Counter " + c,
                    List.of(SERVICES)));
        }
    }

    private Thread start(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                problems.add(name + " failed: " + e);
                aborted = true;
            }
        }, name);
        t.start();
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The backend's clock for one branch, sped up; see the class comment. */
    private final class SimClock {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
        private final String branch;
        private final TestClockPut owner;
        private final long simStart;
        private long realStart;
        private volatile long offset;

        SimClock(String branch, TestClockPut owner, long simStart) {
            this.branch = branch;
            this.owner = owner;
            this.simStart = simStart;
        }

        void start(ScheduledExecutorService timers) {
            realStart = System.currentTimeMillis();
            offset = simStart - realStart;
            put(offset);
            timers.scheduleAtFixedRate(this::tick, o.tickMs(), o.tickMs(), TimeUnit.MILLISECONDS);
        }

        /** Real time at which the simulated time (ms since 08:00) is reached. */
        long realAt(long simMs) {
            return realStart + (long) (simMs / o.speed());
        }

        long simNow() {
            return System.currentTimeMillis() + offset - simStart;
        }

        private void tick() {
            lock.writeLock().lock();
            try {
                long real = System.currentTimeMillis();
                // sped-up time, but never past 02:00 (the business day ends at 04:00) when the work lags behind
                long sped = Math.min(simStart + (long) ((real - realStart) * o.speed()), simStart + 18 * 3600_000L);
                long target = Math.max(real + offset, sped);
                long nextHour = Math.floorDiv(target, 3600_000L) * 3600_000L + 3600_000L;
                if (nextHour - target < HOUR_MARGIN_MS) {
                    target = nextHour;
                }
                long next = target - real;
                put(next);
                offset = next;
            } catch (RuntimeException e) {
                problems.add(branch + ": moving the clock failed: " + e);
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void put(long offsetMs) {
            owner.put(branch, offsetMs);
        }

        /** Runs one request; {@code hour} is the local hour of the backend's clock while it runs. */
        <T> T act(java.util.function.IntFunction<T> call) {
            lock.readLock().lock();
            try {
                long at = System.currentTimeMillis() + offset;
                return call.apply(Instant.ofEpochMilli(at).atZone(ZONE).getHour());
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    private final class Branch {
        final String id;
        final LocalDate day;
        final NowServingClient phones;
        final NowServingClient clerks;
        final NowServingClient owner;
        final List<Customer> plan;
        final SimClock clock;
        final Tally tally = new Tally();
        final Map<String, CompletableFuture<Customer>> byId = new ConcurrentHashMap<>();
        final AtomicInteger unfinished;

        Branch(String id, int index, LocalDate day, NowServingClient phones, NowServingClient clerks,
               NowServingClient owner, TestClockPut clockPut) {
            this.id = id;
            this.day = day;
            this.phones = phones;
            this.clerks = clerks;
            this.owner = owner;
            this.plan = plan(o.seed(), index, o.tickets());
            this.unfinished = new AtomicInteger(plan.size());
            this.clock = new SimClock(id, clockPut, day.atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant()
                    .toEpochMilli());
        }

        CompletableFuture<Customer> future(String ticketId) {
            return byId.computeIfAbsent(ticketId, k -> new CompletableFuture<>());
        }

        void arrivals() {
            for (Customer c : plan) {
                if (aborted) {
                    return;
                }
                sleep(clock.realAt(c.arrivalMs) - System.currentTimeMillis());
                Ticket t = clock.act(hour -> {
                    Ticket issued = phones.issueTicket(id, new IssueTicketRequest(c.service, null, null, null));
                    tally.add(tally.issuedByService, c.service, tally.issuedByHour, hour);
                    return issued;
                });
                synchronized (c) {
                    c.id = t.id();
                    c.token = t.token();
                    c.state = State.WAITING;
                }
                future(t.id()).complete(c);
                if (c.cancelAfterMs >= 0) {
                    timers.schedule(() -> cancel(c), (long) (c.cancelAfterMs / o.speed()), TimeUnit.MILLISECONDS);
                }
            }
        }

        /** The phone gives up if still waiting (the backend decides a race with a call). */
        private void cancel(Customer c) {
            synchronized (c) {
                if (c.state != State.WAITING) {
                    return;
                }
                try {
                    clock.act(hour -> {
                        phones.cancelTicket(id, c.id, c.token);
                        return null;
                    });
                } catch (NowServingException e) {
                    if (e.status() == 409) {
                        return; // called meanwhile
                    }
                    problems.add(id + ": cancelling " + c.id + " failed: " + e.getMessage());
                    return;
                }
                c.state = State.CANCELLED;
                tally.add(tally.cancelledByService, c.now, null, 0);
                unfinished.decrementAndGet();
            }
        }

        void clerk(String counter) {
            clock.act(hour -> clerks.openCounter(id, counter));
            while (unfinished.get() > 0) {
                if (aborted || System.currentTimeMillis() > deadline) {
                    aborted = true;
                    problems.add(id + ": counter " + counter + " gave up with " + unfinished.get() + " tickets open");
                    return;
                }
                CounterAction a = clock.act(hour -> clerks.callNext(id, counter));
                if (a.ticket() == null) {
                    sleep((long) (30_000 / o.speed()));
                    continue;
                }
                Customer c;
                try {
                    c = future(a.ticket().id()).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    problems.add(id + ": counter " + counter + " called " + a.ticket().id()
                            + ", a ticket the simulator never issued (" + e + ")");
                    continue;
                }
                serve(counter, c);
            }
            clock.act(hour -> clerks.closeCounter(id, counter));
        }

        private void serve(String counter, Customer c) {
            synchronized (c) {
                if (c.state == State.CANCELLED) {
                    return; // the phone cancelled while the call was on its way (the backend allowed both)
                }
                if (c.state != State.WAITING) {
                    problems.add(id + ": " + c.id + " was called at counter " + counter + " while " + c.state);
                    return;
                }
                c.state = State.CALLED;
                c.calls++;
            }
            if (c.noShow && !c.noShowDone) {
                synchronized (c) {
                    clock.act(hour -> {
                        clerks.noShow(id, counter);
                        c.noShowHour = hour;
                        return null;
                    });
                    c.noShowDone = true;
                    c.state = State.AWAY;
                }
                if (c.returnAfterMs < 0) {
                    finalNoShow(c);
                } else {
                    timers.schedule(() -> comeBack(c), (long) (c.returnAfterMs / o.speed()), TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (c.transferTo != null && !c.transferDone) {
                sleep((long) (60_000 / o.speed()));
                synchronized (c) {
                    clock.act(hour -> clerks.transfer(id, counter, c.transferTo));
                    tally.add(tally.transfersByService, c.now, null, 0);
                    c.transferDone = true;
                    c.now = c.transferTo;
                    c.state = State.WAITING;
                }
                return;
            }
            sleep((long) (c.serviceSeconds * 1000 / o.speed()));
            synchronized (c) {
                clock.act(hour -> {
                    clerks.complete(id, counter);
                    tally.add(tally.servedByService, c.now, tally.servedByHour, hour);
                    return null;
                });
                c.state = State.SERVED;
            }
            unfinished.decrementAndGet();
        }

        private void comeBack(Customer c) {
            synchronized (c) {
                try {
                    clock.act(hour -> phones.returnTicket(id, c.id, c.token));
                    c.state = State.WAITING;
                    return;
                } catch (NowServingException e) {
                    if (e.code() != io.nowserving.shared.api.ErrorCode.GRACE_EXPIRED) {
                        problems.add(id + ": " + c.id + " could not return: " + e.getMessage());
                    } // else back too late (a slow machine stretches the sped-up minutes): a no-show after all
                }
            }
            finalNoShow(c);
        }

        private void finalNoShow(Customer c) {
            synchronized (c) {
                c.state = State.NO_SHOW;
                tally.add(tally.noShowByService, c.now, tally.noShowByHour, c.noShowHour);
            }
            unfinished.decrementAndGet();
        }

        void checkOutcomes() {
            int issued = Tally.sum(tally.issuedByService);
            int ended = Tally.sum(tally.servedByService) + Tally.sum(tally.noShowByService)
                    + Tally.sum(tally.cancelledByService);
            if (issued != plan.size() || ended != issued) {
                problems.add(id + ": planned " + plan.size() + ", issued " + issued + ", ended " + ended);
            }
            for (Customer c : plan) {
                synchronized (c) {
                    if (c.state != State.SERVED && c.state != State.NO_SHOW && c.state != State.CANCELLED) {
                        problems.add(id + ": " + c.id + " ended " + c.state);
                    }
                }
            }
        }

        /** Polls the analytics (the history writer catches up) until they equal the tally, for up to a minute. */
        void checkAnalytics() throws InterruptedException {
            List<List<String>> diff = new ArrayList<>(List.of(List.of()));
            if (!Await.within(Duration.ofMinutes(1), () -> {
                diff.set(0, compare(owner.hourlyStats(id, day), owner.statsSummary(id, day, day)));
                return diff.get(0).isEmpty();
            })) {
                diff.get(0).forEach(d -> problems.add(id + ": " + d));
            }
        }

        private List<String> compare(HourlyStats hourly, StatsSummary summary) {
            List<String> diff = new ArrayList<>();
            int[][] got = new int[3][24];
            for (HourlyStats.Hour h : hourly.hours()) {
                got[0][h.hour()] = h.issued();
                got[1][h.hour()] = h.served();
                got[2][h.hour()] = h.noShow();
            }
            int[][] want = {tally.issuedByHour, tally.servedByHour, tally.noShowByHour};
            String[] what = {"issued", "served", "noShow"};
            for (int k = 0; k < 3; k++) {
                if (!Arrays.equals(got[k], want[k])) {
                    diff.add("hourly " + what[k] + " " + Arrays.toString(got[k]) + ", simulator counted "
                            + Arrays.toString(want[k]));
                }
            }
            StatsSummary.Kpis t = summary.totals();
            String totals = "issued=" + t.issued() + " served=" + t.served() + " noShow=" + t.noShow()
                    + " cancelled=" + t.cancelled() + " reset=" + t.reset();
            String mine = "issued=" + Tally.sum(tally.issuedByService) + " served=" + Tally.sum(tally.servedByService)
                    + " noShow=" + Tally.sum(tally.noShowByService) + " cancelled="
                    + Tally.sum(tally.cancelledByService) + " reset=0";
            if (!totals.equals(mine)) {
                diff.add("summary " + totals + ", simulator counted " + mine);
            }
            for (StatsSummary.ServiceKpis s : summary.perService()) {
                StatsSummary.Kpis k = s.kpis();
                String a = k.issued() + "/" + k.served() + "/" + k.noShow() + "/" + k.cancelled();
                String b = Tally.of(tally.issuedByService, s.service()) + "/"
                        + Tally.of(tally.servedByService, s.service()) + "/"
                        + Tally.of(tally.noShowByService, s.service()) + "/"
                        + Tally.of(tally.cancelledByService, s.service());
                if (!a.equals(b)) {
                    diff.add("service " + s.service() + " issued/served/noShow/cancelled " + a + ", simulator " + b);
                }
            }
            return diff;
        }
    }
}
