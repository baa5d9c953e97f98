package io.nowserving.shared.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.api.HistoryPage;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.api.LoginRequest;
import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.TransferRequest;
import io.nowserving.shared.api.VersionInfo;
import io.nowserving.shared.api.WaitingTicket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Typed calls of the NowServing HTTP API v1 and live branch feeds. Calls block the calling thread (never call them
 * on a UI thread); a refusal or a network failure is a {@link NowServingException} carrying its {@link ErrorCode}.
 * A call whose answer is lost is sent again (three sends at most) under the same Idempotency-Key, so it is never
 * done twice.
 * Thread-safe; one per backend, closed when the app ends.
 *
 * <pre>{@code
 * try (NowServingClient api = NowServingClient.builder("http://127.0.0.1:8080").build()) {
 *     Ticket t = api.issueTicket("main", new IssueTicketRequest("a", null, null, null));
 *     BranchFeed feed = api.subscribe("main", listener);
 * }
 * }</pre>
 */
public final class NowServingClient implements AutoCloseable {
    private static final String TICKET_TOKEN = "X-Ticket-Token";

    private final HttpUrl base;
    private final OkHttpClient http;
    private final OkHttpClient feedHttp;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Set<BranchFeed> feeds = ConcurrentHashMap.newKeySet();
    private final Calls calls;

    private NowServingClient(Builder b) {
        this.base = HttpUrl.get(b.baseUrl);
        OkHttpClient base = b.http != null ? b.http : new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        String bearer = b.bearerToken;
        this.http = bearer == null ? base : base.newBuilder().addInterceptor(chain -> chain.proceed(
                chain.request().newBuilder().header("Authorization", "Bearer " + bearer).build())).build();
        // a feed hears at least a keep-alive comment every 15 s; silence for longer means a dead connection
        this.feedHttp = http.newBuilder().callTimeout(Duration.ZERO).readTimeout(Duration.ofSeconds(45))
                .retryOnConnectionFailure(false).build();
        this.json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.calls = new Calls(http, json);
        this.clock = b.clock;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nowserving-feed-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    /** A client of the backend at {@code baseUrl}, e.g. {@code http://127.0.0.1:8080}. */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** {@code GET /api/v1/version}: compare {@link VersionInfo#api()} with {@link VersionInfo#API}. */
    public VersionInfo version() {
        return call(get("api/v1/version"), type(VersionInfo.class));
    }

    /** {@code GET /api/v1/branches}. */
    public List<BranchSummary> branches() {
        return call(get("api/v1/branches"), json.getTypeFactory().constructType(new TypeReference<List<BranchSummary>>() { }));
    }

    /** {@code GET /api/v1/branches/{b}}: the whole live state with its epoch and seq. */
    public BranchSnapshot snapshot(String branch) {
        return call(get("api/v1/branches", branch), type(BranchSnapshot.class));
    }

    /** {@code GET …/stats/hourly?date=} (admins): one business day, hour by hour. */
    public HourlyStats hourlyStats(String branch, LocalDate date) {
        return call(stats(branch, "hourly", "date", date.toString()), type(HourlyStats.class));
    }

    /** {@code GET …/stats/summary?from=&to=} (admins): KPIs over whole business days, both inclusive. */
    public StatsSummary statsSummary(String branch, LocalDate from, LocalDate to) {
        return call(stats(branch, "summary", "from", from.toString(), "to", to.toString()), type(StatsSummary.class));
    }

    /** {@code GET …/stats/heatmap?from=&to=} (admins): tickets issued by weekday and hour. */
    public Heatmap heatmap(String branch, LocalDate from, LocalDate to) {
        return call(stats(branch, "heatmap", "from", from.toString(), "to", to.toString()), type(Heatmap.class));
    }

    /** {@code POST …/tickets}: a new ticket, or the one already held; its token is in the answer only. */
    public Ticket issueTicket(String branch, IssueTicketRequest request) {
        return call(post(body(request), "api/v1/branches", branch, "tickets"), type(Ticket.class));
    }

    /** {@code GET …/tickets/{id}} as its holder. */
    public Ticket ticket(String branch, String ticketId, String ticketToken) {
        return call(get("api/v1/branches", branch, "tickets", ticketId).header(TICKET_TOKEN, ticketToken),
                type(Ticket.class));
    }

    /** {@code DELETE …/tickets/{id}} as its holder. */
    public void cancelTicket(String branch, String ticketId, String ticketToken) {
        call(request("api/v1/branches", branch, "tickets", ticketId).delete().header(TICKET_TOKEN, ticketToken), null);
    }

    /** {@code POST …/tickets/{id}/stream-token}: opens the ticket feed for five minutes. */
    public String streamToken(String branch, String ticketId, String ticketToken) {
        Map<String, String> answer = call(post(RequestBody.create(new byte[0]), "api/v1/branches", branch, "tickets",
                ticketId, "stream-token").header(TICKET_TOKEN, ticketToken),
                json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        return answer.get("streamToken");
    }

    /** {@code POST …/counters/{c}/call-next}: {@code ticket} is null when nobody waits. */
    public CounterAction callNext(String branch, String counter) {
        return counterAction(branch, counter, "call-next");
    }

    public CounterAction complete(String branch, String counter) {
        return counterAction(branch, counter, "complete");
    }

    public CounterAction openCounter(String branch, String counter) {
        return counterAction(branch, counter, "open");
    }

    public CounterAction pauseCounter(String branch, String counter) {
        return counterAction(branch, counter, "pause");
    }

    public CounterAction closeCounter(String branch, String counter) {
        return counterAction(branch, counter, "close");
    }

    /** {@code POST …/counters/{c}/call/{ticketId}}: a specific waiting ticket, recorded with who called it. */
    public CounterAction call(String branch, String counter, String ticketId) {
        return counterAction(branch, counter, "call", ticketId);
    }

    public CounterAction recall(String branch, String counter) {
        return counterAction(branch, counter, "recall");
    }

    public CounterAction noShow(String branch, String counter) {
        return counterAction(branch, counter, "no-show");
    }

    /** Within two minutes of completing or marking a no-show, while the counter is idle. */
    public CounterAction reopen(String branch, String counter) {
        return counterAction(branch, counter, "reopen");
    }

    /** The ticket being served goes back to waiting in {@code service}, ahead of those who came later. */
    public CounterAction transfer(String branch, String counter, String service) {
        return call(post(body(new TransferRequest(service)), "api/v1/branches", branch, "counters", counter,
                "transfer"), type(CounterAction.class));
    }

    public CounterAction signIn(String branch, String counter) {
        return counterAction(branch, counter, "sign-in");
    }

    public CounterAction signOut(String branch, String counter) {
        return counterAction(branch, counter, "sign-out");
    }

    /** {@code GET …/tickets?status=&service=} (staff): waiting and called tickets; null filters are left out. */
    public List<WaitingTicket> tickets(String branch, String status, String service) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v1/branches").addPathSegment(branch)
                .addPathSegment("tickets");
        if (status != null) {
            url.addQueryParameter("status", status);
        }
        if (service != null) {
            url.addQueryParameter("service", service);
        }
        return call(new Request.Builder().url(url.build()).get(),
                json.getTypeFactory().constructCollectionType(List.class, WaitingTicket.class));
    }

    /** {@code POST …/tickets/{id}/return} by its holder: a no-show back in line within the grace period. */
    public Ticket returnTicket(String branch, String ticketId, String ticketToken) {
        return call(post(RequestBody.create(new byte[0]), "api/v1/branches", branch, "tickets", ticketId, "return")
                .header(TICKET_TOKEN, ticketToken), type(Ticket.class));
    }

    /**
     * {@code POST /api/v1/auth/login}: a staff session; build a client with {@link Builder#bearerToken} from its
     * token for the staff calls. 401 is {@link ErrorCode#INVALID_CREDENTIALS}, 429 {@link ErrorCode#TOO_MANY_ATTEMPTS}.
     */
    public LoginAnswer login(String username, String password) {
        return call(post(body(new LoginRequest(username, password)), "api/v1/auth/login"), type(LoginAnswer.class));
    }

    /**
     * {@code GET …/history} (admins): a page of tickets in {@code (issuedAt, id)} order; {@code filters} may hold
     * {@code status}, {@code service}, {@code counter}, {@code from} and {@code to}; pass the page's
     * {@link HistoryPage#nextCursor()} as {@code cursor} (null for the first page).
     */
    public HistoryPage history(String branch, Map<String, String> filters, String cursor, int limit) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v1/branches").addPathSegment(branch)
                .addPathSegment("history").addQueryParameter("limit", Integer.toString(limit));
        filters.forEach(url::addQueryParameter);
        if (cursor != null) {
            url.addQueryParameter("cursor", cursor);
        }
        return call(new Request.Builder().url(url.build()).get(), type(HistoryPage.class));
    }

    /** The admin app's calls: configuration, devices, users, the history CSV. */
    public AdminCalls admin() {
        return new AdminCalls(base, calls);
    }

    /** {@code POST /api/v1/auth/logout}: ends this client's session. */
    public void logout() {
        call(post(RequestBody.create(new byte[0]), "api/v1/auth/logout"), null);
    }

    /** Subscribes to a branch feed from its current state (a snapshot first). */
    public BranchFeed subscribe(String branch, FeedListener listener) {
        return subscribe(branch, null, listener);
    }

    /** Subscribes from {@code lastEventId} (e.g. kept across an app restart), or from a snapshot when null. */
    public BranchFeed subscribe(String branch, String lastEventId, FeedListener listener) {
        String url = base.newBuilder().addPathSegments("api/v1/branches").addPathSegment(branch)
                .addPathSegment("events").build().toString();
        BranchFeed feed = new BranchFeed(feedHttp, url, lastEventId, json, listener, scheduler, clock, minBackoff,
                maxBackoff);
        feeds.add(feed);
        feed.start();
        return feed;
    }

    private CounterAction counterAction(String branch, String counter, String... action) {
        String[] path = new String[3 + action.length];
        path[0] = branch;
        path[1] = "counters";
        path[2] = counter;
        System.arraycopy(action, 0, path, 3, action.length);
        return call(post(RequestBody.create(new byte[0]), "api/v1/branches", path), type(CounterAction.class));
    }

    private JavaType type(Class<?> c) {
        return calls.type(c);
    }

    private Request.Builder request(String first, String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments(first);
        for (String s : segments) {
            url.addPathSegment(s);
        }
        return new Request.Builder().url(url.build());
    }

    private Request.Builder stats(String branch, String report, String... query) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v1/branches").addPathSegment(branch)
                .addPathSegment("stats").addPathSegment(report);
        for (int i = 0; i < query.length; i += 2) {
            url.addQueryParameter(query[i], query[i + 1]);
        }
        return new Request.Builder().url(url.build()).get();
    }

    private Request.Builder get(String first, String... segments) {
        return request(first, segments).get();
    }

    private Request.Builder post(RequestBody body, String first, String... segments) {
        return request(first, segments).post(body);
    }

    private RequestBody body(Object value) {
        return calls.body(value);
    }

    private <T> T call(Request.Builder request, JavaType type) {
        return calls.send(request.build(), type);
    }

    /** Closes every feed it opened; calls in flight finish. */
    @Override
    public void close() {
        feeds.forEach(BranchFeed::close);
        scheduler.shutdownNow();
    }

    /** Options of a {@link NowServingClient}. */
    public static final class Builder {
        private final String baseUrl;
        private OkHttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration minBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private String bearerToken;

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** An OkHttp client to share (connection pool, proxies, TLS); feeds derive their own time-outs from it. */
        public Builder okHttp(OkHttpClient client) {
            this.http = client;
            return this;
        }

        /** A staff session or device token sent with every call and feed (staff calls and the admin feed need one). */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        /** The clock of the offline-since times. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Feed reconnection delays: the first, doubling up to the last (defaults 250 ms and 10 s). */
        public Builder feedBackoff(Duration first, Duration last) {
            this.minBackoff = first;
            this.maxBackoff = last;
            return this;
        }

        public NowServingClient build() {
            return new NowServingClient(this);
        }
    }
}
