package io.nowserving.shared.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.api.LoginRequest;
import io.nowserving.shared.api.PasswordChange;
import io.nowserving.shared.api.PresenceToken;
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
    /** The OkHttp client without this client's bearer token, shared by {@link #withBearerToken}. */
    private final OkHttpClient plainHttp;
    private final OkHttpClient http;
    private final OkHttpClient feedHttp;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration feedSilence;
    private final Set<BranchFeed> feeds = ConcurrentHashMap.newKeySet();
    private final Calls calls;

    private NowServingClient(Builder b) {
        this.base = HttpUrl.get(b.baseUrl);
        this.plainHttp = b.http != null ? b.http
                : new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        String bearer = b.bearerToken;
        this.http = bearer == null ? plainHttp : plainHttp.newBuilder().addInterceptor(chain -> chain.proceed(
                chain.request().newBuilder().header("Authorization", "Bearer " + bearer).build())).build();
        // a feed hears at least a keep-alive comment every 2 s; silence for longer means a dead connection
        this.feedHttp = http.newBuilder().callTimeout(Duration.ZERO).readTimeout(b.feedSilence)
                .retryOnConnectionFailure(false).build();
        this.json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.calls = new Calls(base, http, json);
        this.clock = b.clock;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.feedSilence = b.feedSilence;
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

    /**
     * A new client with the same options and OkHttp pool that sends {@code token} (a staff session or device token)
     * with every call and feed; close it too (it closes only its own feeds).
     */
    public NowServingClient withBearerToken(String token) {
        return builder(base.toString()).okHttp(plainHttp).bearerToken(token).clock(clock)
                .feedBackoff(minBackoff, maxBackoff).feedSilence(feedSilence).build();
    }

    /** {@code GET /api/v1/version}: compare {@link VersionInfo#api()} with {@link VersionInfo#API}. */
    public VersionInfo version() {
        return get(type(VersionInfo.class), "version");
    }

    /**
     * {@code POST /api/v1/auth/login}: a staff session for {@link #withBearerToken}; refused with
     * {@link ErrorCode#INVALID_CREDENTIALS} (401) or {@link ErrorCode#TOO_MANY_ATTEMPTS} (429).
     */
    public LoginAnswer login(String username, String password) {
        return post(new LoginRequest(username, password), type(LoginAnswer.class), "auth", "login");
    }

    /** {@code POST /api/v1/auth/logout}: ends this client's session. */
    public void logout() {
        post(null, null, "auth", "logout");
    }

    /**
     * {@code POST /api/v1/auth/password}: ends every session of the user, this one too; go on with the answer's
     * token. A wrong current password is {@link ErrorCode#INVALID_CREDENTIALS}.
     */
    public LoginAnswer changePassword(String currentPassword, String newPassword) {
        return post(new PasswordChange(currentPassword, newPassword), type(LoginAnswer.class), "auth", "password");
    }

    /** {@code GET /api/v1/branches}. */
    public List<BranchSummary> branches() {
        return get(calls.listOf(BranchSummary.class), "branches");
    }

    /** {@code GET /api/v1/branches/{b}}: the whole live state with its epoch and seq. */
    public BranchSnapshot snapshot(String branch) {
        return get(type(BranchSnapshot.class), "branches", branch);
    }

    /** {@code GET …/presence} (display and kiosk devices): a fresh presence token and the URL for the QR code. */
    public PresenceToken presence(String branch) {
        return get(type(PresenceToken.class), "branches", branch, "presence");
    }

    /** {@code GET …/stats/hourly?date=} (admins): one business day, hour by hour. */
    public HourlyStats hourlyStats(String branch, LocalDate date) {
        return stats(branch, "hourly", HourlyStats.class, "date", date.toString());
    }

    /** {@code GET …/stats/summary?from=&to=} (admins): KPIs over whole business days, both inclusive. */
    public StatsSummary statsSummary(String branch, LocalDate from, LocalDate to) {
        return stats(branch, "summary", StatsSummary.class, "from", from.toString(), "to", to.toString());
    }

    /** {@code GET …/stats/heatmap?from=&to=} (admins): tickets issued by weekday and hour. */
    public Heatmap heatmap(String branch, LocalDate from, LocalDate to) {
        return stats(branch, "heatmap", Heatmap.class, "from", from.toString(), "to", to.toString());
    }

    /** {@code POST …/tickets}: a new ticket, or the one already held; its token is in the answer only. */
    public Ticket issueTicket(String branch, IssueTicketRequest request) {
        return post(request, type(Ticket.class), "branches", branch, "tickets");
    }

    /** {@code GET …/tickets?status=&service=} (staff): waiting and called tickets; null filters are left out. */
    public List<WaitingTicket> tickets(String branch, String status, String service) {
        return calls.send("GET", Calls.query(calls.url("branches", branch, "tickets"), "status", status,
                "service", service), null, calls.listOf(WaitingTicket.class));
    }

    /** {@code GET …/tickets/{id}} as its holder (or staff); a wrong token is {@link ErrorCode#NOT_FOUND}. */
    public Ticket ticket(String branch, String ticketId, String ticketToken) {
        return asHolder("GET", ticketToken, type(Ticket.class), branch, ticketId);
    }

    /** {@code DELETE …/tickets/{id}} as its holder; refused with {@link ErrorCode#ALREADY_CALLED} once called. */
    public void cancelTicket(String branch, String ticketId, String ticketToken) {
        asHolder("DELETE", ticketToken, null, branch, ticketId);
    }

    /** {@code POST …/tickets/{id}/return} by its holder: a no-show back in line within the grace period. */
    public Ticket returnTicket(String branch, String ticketId, String ticketToken) {
        return asHolder("POST", ticketToken, type(Ticket.class), branch, ticketId, "return");
    }

    /** {@code POST …/tickets/{id}/stream-token}: opens the ticket feed for five minutes. */
    public String streamToken(String branch, String ticketId, String ticketToken) {
        Map<String, String> answer = asHolder("POST", ticketToken,
                json.getTypeFactory().constructMapType(Map.class, String.class, String.class),
                branch, ticketId, "stream-token");
        return answer.get("streamToken");
    }

    /** {@code POST …/counters/{c}/call-next}: completes the current ticket, calls the next (null: nobody waits). */
    public CounterAction callNext(String branch, String counter) {
        return counterAction(null, branch, counter, "call-next");
    }

    /** {@code POST …/counters/{c}/call/{ticketId}}: a specific waiting ticket, recorded with who called it. */
    public CounterAction call(String branch, String counter, String ticketId) {
        return counterAction(null, branch, counter, "call", ticketId);
    }

    /** {@code POST …/counters/{c}/recall}: calls the ticket being served once more. */
    public CounterAction recall(String branch, String counter) {
        return counterAction(null, branch, counter, "recall");
    }

    /** {@code POST …/counters/{c}/complete}: the ticket being served is done. */
    public CounterAction complete(String branch, String counter) {
        return counterAction(null, branch, counter, "complete");
    }

    /** {@code POST …/counters/{c}/no-show}: the ticket being served did not come; it may return within its grace. */
    public CounterAction noShow(String branch, String counter) {
        return counterAction(null, branch, counter, "no-show");
    }

    /** {@code POST …/counters/{c}/reopen}: within two minutes of complete or no-show, while the counter is idle. */
    public CounterAction reopen(String branch, String counter) {
        return counterAction(null, branch, counter, "reopen");
    }

    /** {@code POST …/counters/{c}/transfer}: the ticket served waits again in {@code service}, ahead of later ones. */
    public CounterAction transfer(String branch, String counter, String service) {
        return counterAction(new TransferRequest(service), branch, counter, "transfer");
    }

    /** {@code POST …/counters/{c}/sign-in}: refused with {@link ErrorCode#COUNTER_TAKEN} when another clerk is in. */
    public CounterAction signIn(String branch, String counter) {
        return counterAction(null, branch, counter, "sign-in");
    }

    /** {@code POST …/counters/{c}/sign-out}: leaves the counter to another clerk. */
    public CounterAction signOut(String branch, String counter) {
        return counterAction(null, branch, counter, "sign-out");
    }

    /** {@code POST …/counters/{c}/open}: the counter takes tickets. */
    public CounterAction openCounter(String branch, String counter) {
        return counterAction(null, branch, counter, "open");
    }

    /** {@code POST …/counters/{c}/pause}: refused with {@link ErrorCode#COUNTER_BUSY} while serving. */
    public CounterAction pauseCounter(String branch, String counter) {
        return counterAction(null, branch, counter, "pause");
    }

    /** {@code POST …/counters/{c}/close}: refused with {@link ErrorCode#COUNTER_BUSY} while serving. */
    public CounterAction closeCounter(String branch, String counter) {
        return counterAction(null, branch, counter, "close");
    }

    /** The admin app's calls: configuration, devices, users, history pages and the CSV. */
    public AdminCalls admin() {
        return new AdminCalls(calls);
    }

    /** Subscribes to a branch feed from its current state (a snapshot first). */
    public BranchFeed subscribe(String branch, FeedListener listener) {
        return subscribe(branch, null, listener);
    }

    /** Subscribes from {@code lastEventId} (e.g. kept across an app restart), or from a snapshot when null. */
    public BranchFeed subscribe(String branch, String lastEventId, FeedListener listener) {
        String url = calls.url("branches", branch, "events").build().toString();
        BranchFeed feed = new BranchFeed(feedHttp, url, lastEventId, json, listener, scheduler, clock, minBackoff,
                maxBackoff);
        feeds.add(feed);
        feed.start();
        return feed;
    }

    private CounterAction counterAction(Object body, String branch, String counter, String... action) {
        String[] path = new String[4 + action.length];
        path[0] = "branches";
        path[1] = branch;
        path[2] = "counters";
        path[3] = counter;
        System.arraycopy(action, 0, path, 4, action.length);
        return post(body, type(CounterAction.class), path);
    }

    /** A call on {@code …/branches/{b}/tickets/{id}…} carrying the ticket token. */
    private <T> T asHolder(String method, String ticketToken, JavaType answer, String branch, String ticketId,
                           String... rest) {
        HttpUrl.Builder url = calls.url("branches", branch, "tickets", ticketId);
        for (String s : rest) {
            url.addPathSegment(s);
        }
        return calls.send(calls.request(method, url, null).header(TICKET_TOKEN, ticketToken).build(), answer);
    }

    private <T> T stats(String branch, String report, Class<T> answer, String... query) {
        return calls.send("GET", Calls.query(calls.url("branches", branch, "stats", report), query), null,
                type(answer));
    }

    private <T> T get(JavaType answer, String... path) {
        return calls.send("GET", calls.url(path), null, answer);
    }

    private <T> T post(Object body, JavaType answer, String... path) {
        return calls.send("POST", calls.url(path), body, answer);
    }

    private JavaType type(Class<?> c) {
        return calls.type(c);
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
        private Duration feedSilence = Duration.ofSeconds(45);

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** An OkHttp client to share (connection pool, proxies, TLS); feeds derive their own time-outs from it. */
        public Builder okHttp(OkHttpClient client) {
            this.http = client;
            return this;
        }

        /** A staff session or device token sent with every call and feed (staff calls and whole envelopes need one). */
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

        /**
         * How long a feed may hear nothing (not even the server's keep-alive, sent every 2 s) before it counts the
         * connection as dead and reconnects (default 45 s; a wall display uses 5 s to show its offline banner soon).
         */
        public Builder feedSilence(Duration silence) {
            this.feedSilence = silence;
            return this;
        }

        /** The client; close it when the app ends. */
        public NowServingClient build() {
            return new NowServingClient(this);
        }
    }
}
