package io.nowserving.backend.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.events.FeedOptions;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Node;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.VersionInfo;
import io.nowserving.shared.client.BranchFeed;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client of the shared module against the real backend: typed calls, and a feed that never gives up. */
class JavaClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final IssueTicketRequest A = new IssueTicketRequest("a", null, null, null);

    /** A client signed in as the backend's clerk: staff calls need the session, customer calls work as staff. */
    private static NowServingClient client(int port, String token) {
        return NowServingClient.builder("http://127.0.0.1:" + port).bearerToken(token)
                .feedBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
    }

    @Test
    void typedCallsAnswerTheApiRecordsAndRefusalsCarryTheirCode(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("jc", 1, null));
                NowServingClient api = client(backend.port(), backend.clerkToken())) {
            assertEquals(VersionInfo.API, api.version().api());
            assertEquals("jc", api.branches().get(0).id());
            assertEquals("jc", api.snapshot("jc").id());
            Ticket t = api.issueTicket("jc", A);
            assertEquals("A001", t.number());
            assertNotNull(t.token());
            assertEquals("waiting", api.ticket("jc", t.id(), t.token()).status());
            NowServingException wrong = assertThrows(NowServingException.class,
                    () -> api.ticket("jc", t.id(), "not-the-token"));
            assertEquals(ErrorCode.NOT_FOUND, wrong.code());
            assertEquals(404, wrong.status());
            assertTrue(api.streamToken("jc", t.id(), t.token()).length() >= 43);
            assertEquals("open", api.openCounter("jc", "1").counter().state());
            CounterAction called = api.callNext("jc", "1");
            assertEquals("A001", called.ticket().number());
            assertEquals(ErrorCode.ALREADY_CALLED,
                    assertThrows(NowServingException.class, () -> api.cancelTicket("jc", t.id(), t.token())).code());
            assertNull(api.callNext("jc", "1").ticket(), "nobody waits");
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(NowServingException.class, () -> api.snapshot("nope")).code());
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (NowServingClient api = client(closedPort, null)) {
            NowServingException down = assertThrows(NowServingException.class, api::version);
            assertEquals(ErrorCode.UNAVAILABLE, down.code());
            assertTrue(down.networkFailure());
        }
    }

    @Test
    void aCounterConsoleWorksThroughTheClient(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("jw", 1, null));
                NowServingClient anonymous = client(backend.port(), null)) {
            io.nowserving.shared.api.LoginAnswer login = anonymous.login("admin", TestBackend.OWNER_PASSWORD);
            assertEquals("owner", login.role());
            assertEquals(ErrorCode.INVALID_CREDENTIALS, assertThrows(NowServingException.class,
                    () -> anonymous.login("admin", "not-the-password")).code());
            Ticket a1 = anonymous.issueTicket("jw", A);
            Ticket a2 = anonymous.issueTicket("jw", A);
            Ticket b1 = anonymous.issueTicket("jw", new IssueTicketRequest("b", null, null, null));
            try (NowServingClient clerk = client(backend.port(), login.token())) {
                assertEquals("1", clerk.signIn("jw", "1").counter().id());
                clerk.openCounter("jw", "1");
                assertEquals(List.of(a1.id(), a2.id()), clerk.tickets("jw", "waiting", "a").stream()
                        .map(io.nowserving.shared.api.WaitingTicket::id).toList());
                assertEquals(b1.id(), clerk.call("jw", "1", b1.id()).ticket().id(), "a specific ticket");
                assertEquals(b1.id(), clerk.recall("jw", "1").ticket().id());
                assertEquals("waiting", clerk.transfer("jw", "1", "a").ticket().status(), "transferred back");
                assertEquals(a1.id(), clerk.callNext("jw", "1").ticket().id());
                assertEquals("no_show", clerk.noShow("jw", "1").ticket().status());
                assertEquals("waiting", anonymous.returnTicket("jw", a1.id(), a1.token()).status(),
                        "the holder comes back within the grace period");
                clerk.callNext("jw", "1");
                assertEquals("completed", clerk.complete("jw", "1").ticket().status());
                assertEquals("called", clerk.reopen("jw", "1").ticket().status());
                clerk.complete("jw", "1");
                io.nowserving.backend.testing.Await.until(WAIT, "three tickets in the history",
                        () -> clerk.admin().history("jw", Map.of(), null, 50).items().size() == 3);
                io.nowserving.shared.api.HistoryPage page = clerk.admin().history("jw", Map.of(), null, 50);
                assertEquals(3, page.items().size());
                assertNull(page.nextCursor());
                assertEquals(2, clerk.admin().history("jw", Map.of("service", "a"), null, 2).items().size());
                clerk.signOut("jw", "1");
                clerk.logout();
                assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(NowServingException.class,
                        () -> clerk.tickets("jw", null, null)).code(), "the session ended");
            }
        }
    }

    @Test
    void anAdminAppWorksThroughTheClient(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("ja", 1, null));
                NowServingClient owner = client(backend.port(), backend.ownerToken())) {
            io.nowserving.shared.client.AdminCalls admin = owner.admin();
            io.nowserving.shared.api.BranchConfiguration config = admin.config("ja");
            assertEquals(List.of("a", "b"), config.services().stream().map(s -> s.id()).toList());
            io.nowserving.shared.api.BranchConfiguration withC = admin.putService("ja", "c",
                    new io.nowserving.shared.api.ServiceSettings("Passports 護照", "C", 50, 900, 120));
            assertEquals("Passports 護照", withC.services().get(2).name());
            assertEquals(50, withC.services().get(2).dailyCapacity());
            assertTrue(withC.version() > config.version());
            assertEquals(List.of("c"), admin.putCounter("ja", "9",
                    new io.nowserving.shared.api.CounterSettings("Nine", List.of("c"))).counters().get(1).services());
            assertEquals(1, admin.deleteCounter("ja", "9").counters().size());
            owner.issueTicket("ja", new IssueTicketRequest("c", null, null, null));
            assertEquals(ErrorCode.SERVICE_IN_USE, assertThrows(NowServingException.class,
                    () -> admin.deleteService("ja", "c")).code());

            io.nowserving.shared.api.Device kiosk = admin.createDevice("ja", "Door kiosk", "kiosk");
            assertTrue(kiosk.token().length() >= 43);
            assertEquals(List.of("Door kiosk"), admin.devices("ja").stream().map(d -> d.name()).toList());
            assertNull(admin.devices("ja").get(0).token(), "never shown again");
            admin.deleteDevice("ja", kiosk.id());
            assertEquals(List.of(), admin.devices("ja"));

            io.nowserving.shared.api.StaffUser lin = admin.createUser("lin",
                    new io.nowserving.shared.api.UserChange("lin-temporary-pw", "clerk", List.of("ja"), null, null));
            assertTrue(lin.mustChangePassword());
            assertEquals(List.of("ja"), lin.branches());
            assertTrue(admin.updateUser("lin", io.nowserving.shared.api.UserChange.disabled(true)).disabled());
            assertTrue(admin.users().stream().anyMatch(u -> u.username().equals("lin")));
            admin.deleteUser("lin");
            assertTrue(admin.users().stream().noneMatch(u -> u.username().equals("lin")));

            io.nowserving.backend.testing.Await.until(WAIT, "the ticket in the history",
                    () -> owner.admin().history("ja", Map.of(), null, 10).items().size() == 1);
            java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
            admin.exportHistory("ja", Map.of("service", "c"), csv);
            String[] lines = csv.toString(java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
            assertEquals(2, lines.length, "a header and the one ticket");
            assertTrue(lines[1].contains(",C001,c,waiting,"), lines[1]);
            assertEquals(ErrorCode.INVALID_REQUEST, assertThrows(NowServingException.class,
                    () -> admin.exportHistory("ja", Map.of("status", "lost"), new java.io.ByteArrayOutputStream()))
                    .code());
        }
    }

    @Test
    void aCallWhoseAnswerIsLostIsSentAgainAndDoneOnce(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("jl", 1, null))) {
            backend.issue("jl", "a");
            backend.issue("jl", "a");
            backend.counter("jl", "1", "open");
            List<String> keys = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.atomic.AtomicBoolean lose = new java.util.concurrent.atomic.AtomicBoolean(true);
            okhttp3.OkHttpClient lossy = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
                keys.add(chain.request().header("Idempotency-Key"));
                okhttp3.Response answer = chain.proceed(chain.request());
                if (lose.getAndSet(false)) {
                    answer.close();
                    throw new java.io.IOException("connection reset (the answer was lost)");
                }
                return answer;
            }).build();
            try (NowServingClient api = NowServingClient.builder("http://127.0.0.1:" + backend.port())
                    .okHttp(lossy).bearerToken(backend.clerkToken()).build()) {
                CounterAction called = api.callNext("jl", "1");
                assertEquals("A001", called.ticket().number(), "the retry answers what the lost answer said");
                assertEquals(2, keys.size(), "sent twice");
                assertNotNull(keys.get(0));
                assertEquals(keys.get(0), keys.get(1), "under one Idempotency-Key");
                assertEquals(1, backend.get("/api/v1/branches/jl").body().get("services").get(0).get("waiting")
                        .asInt(), "A002 still waits: the counter called once");
                assertEquals("A002", api.callNext("jl", "1").ticket().number());
            }
        }
    }

    @Test
    void theFeedSurvivesTheBackendRestartingWhileItListens(@TempDir Path dir) throws Exception {
        String db = Database.embeddedH2Url(dir.resolve("sql"));
        try (Database d = Database.open(db, "sa", "")) {
            new ConfigRepository(d.dataSource()).save(TestBranches.branch("jr", 1, null));
        }
        Map<String, String> env = new HashMap<>(Node.env(dir.resolve("data"), TestRedis.url(), TestRedis.randomPrefix(), db));
        Node first = Node.start(env, FeedOptions.DEFAULTS);
        int port = first.port();
        RecordingListener seen = new RecordingListener();
        try (NowServingClient api = client(port, first.ownerToken()); BranchFeed feed = api.subscribe("jr", seen)) {
            seen.await(d -> d.size() == 1, WAIT);
            api.openCounter("jr", "1");
            api.issueTicket("jr", A);
            api.callNext("jr", "1");
            seen.await(d -> d.size() == 4, WAIT);

            first.close();
            seen.awaitConnectivity("offline", WAIT);
            assertTrue(feed.offlineSince().isPresent());
            env.put("NOWSERVING_HTTP_PORT", Integer.toString(port));
            try (Node second = Node.start(env, FeedOptions.DEFAULTS)) {
                api.issueTicket("jr", A);
                api.issueTicket("jr", A);
                api.callNext("jr", "1");
                seen.await(d -> d.size() >= 8, WAIT);
                seen.awaitConnectivity("online", WAIT);
                List<String> all = seen.delivered();
                RecordingListener.assertInOrder(all);
                assertEquals(1, all.stream().filter(s -> s.startsWith("snapshot")).count(),
                        "resumed by Last-Event-ID, not restarted: " + all);
                assertEquals(8, all.size(), "nothing twice: " + all);
                assertTrue(feed.offlineSince().isEmpty());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void afterAnEpochChangeTheFeedDeliversTheSnapshotThenTheNewEpoch(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("je", 1, null));
                NowServingClient api = client(backend.port(), backend.clerkToken())) {
            RecordingListener seen = new RecordingListener();
            try (BranchFeed feed = api.subscribe("je", seen)) {
                seen.await(d -> d.size() == 1, WAIT);
                api.issueTicket("je", A);
                seen.await(d -> d.size() == 2, WAIT);
                RedisKeys keys = backend.keys();
                backend.redis().set(keys.epoch("je"), "zzzzzzzzzzzz"); // as the epoch rule does after a lost tail
                api.issueTicket("je", A);
                api.issueTicket("je", A);
                seen.await(d -> d.get(d.size() - 1).endsWith("zzzzzzzzzzzz.4"), WAIT);
                List<String> all = seen.delivered();
                RecordingListener.assertInOrder(all);
                assertTrue(all.contains("snapshot zzzzzzzzzzzz.3") || all.contains("snapshot zzzzzzzzzzzz.4"), all.toString());
                assertEquals("zzzzzzzzzzzz.4", feed.lastEventId().orElseThrow());
            }
            RecordingListener gone = new RecordingListener();
            try (BranchFeed feed = api.subscribe("no-such", gone)) {
                io.nowserving.backend.testing.Await.within(WAIT, () -> !gone.connectivity().isEmpty());
                assertEquals(List.of("failed NOT_FOUND"), gone.connectivity());
                assertTrue(feed.lastEventId().isEmpty(), "nothing delivered");
            }
        }
    }
}
