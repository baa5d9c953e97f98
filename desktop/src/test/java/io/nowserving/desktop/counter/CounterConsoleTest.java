package io.nowserving.desktop.counter;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.common.Problems;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import io.nowserving.shared.events.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real console window against a real backend: sign-in, counter choice, Call next by click and by key. */
class CounterConsoleTest {
    @TempDir
    Path dir;
    private TestBackend backend;
    private Background background;
    private Stage stage;
    private CounterApp app;
    private final java.util.concurrent.atomic.AtomicReference<DesktopSettings> remembered =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void openTheConsole() {
        Fx.start();
        backend = TestBackend.start(dir.resolve("backend"));
        String url = "http://127.0.0.1:" + backend.port();
        FxThread fx = FxThread.platform();
        background = Background.start("counter-test", fx);
        DesktopSettings settings = new DesktopSettings(Mode.COUNTER, Optional.of(url), Optional.empty(),
                Optional.empty(), Optional.empty(), Locale.ENGLISH, 0, false, List.of(), dir.resolve("desktop"));
        AppContext context = new AppContext(settings, url, fx, background, Clock.systemUTC(), s -> {
            remembered.set(s);
            return s;
        });
        Fx.run(() -> {
            stage = new Stage();
            app = CounterApp.open(stage, context);
        });
    }

    @AfterEach
    void closeEverything() {
        Fx.run(() -> {
            app.close();
            stage.hide();
        });
        background.close();
        backend.close();
    }

    @Test
    void callNextShowsTheFirstTicketIssued() {
        String first = issue("a");
        issue("a");
        openCounter("1");
        Fx.run(() -> button("#callNext").fire());
        waitUntil(() -> first.equals(text("#servingNumber")));
        waitUntil(() -> text("#servingFor").matches(".*00:0[1-9]"));  // the service timer runs
        assertEquals(Optional.of("main"), remembered.get().branch());
        assertEquals(Optional.of("1"), remembered.get().counter(), "the next start offers this counter");
    }

    @Test
    void aTicketCalledOutOfTurnAfterConfirmingIsServed() {
        issue("a");
        String second = issue("a");
        openCounter("1");
        waitUntil(() -> node("#call-" + second) != null && !button("#call-" + second).isDisabled());
        Fx.run(() -> button("#call-" + second).fire());
        assertEquals("\u2014", Fx.call(() -> text("#servingNumber")), "nothing is called before confirming");
        Fx.run(() -> button("#confirmCall").fire());
        waitUntil(() -> second.equals(text("#servingNumber")));
    }

    @Test
    void transferSendsTheServedTicketToTheChosenService() {
        String first = issue("a");
        openCounter("1");
        Fx.run(() -> button("#callNext").fire());
        waitUntil(() -> first.equals(text("#servingNumber")) && !button("#transfer").isDisabled());
        Fx.run(() -> button("#transfer").fire());
        waitUntil(() -> node("#transfer-b") != null && node("#transfer-b").isVisible()
                && node("#transfer-a") == null);
        Fx.run(() -> button("#transfer-b").fire());
        waitUntil(() -> "\u2014".equals(text("#servingNumber")));
        JsonNode tickets = backend.staffGet("/api/v1/branches/main/tickets?status=waiting").body();
        assertEquals(1, tickets.size(), tickets.toString());
        assertEquals("b", tickets.get(0).get("service").asText());
    }

    @Test
    void signingOutLeavesTheCounterFreeForAnotherClerk() {
        openCounter("1");
        assertEquals(backend.clerkId(), clerkAt("1"));
        Fx.run(() -> button("#signOut").fire());
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.SIGN_IN);
        assertEquals("", clerkAt("1"));
    }

    private String clerkAt(String counter) {
        for (JsonNode c : backend.owner("GET", "/api/v1/branches/main", null).body().get("counters")) {
            if (counter.equals(c.get("id").asText())) {
                return c.path("clerk").asText("");
            }
        }
        throw new AssertionError("no counter " + counter);
    }

    @Test
    void secondClickWhileInFlightCallsOnce() {
        issue("a");
        issue("a");
        openCounter("1");
        Fx.run(() -> {
            button("#callNext").fire();
            button("#callNext").fire();
            app.viewModel().callNext(); // the command itself, past the disabled button
        });
        waitUntil(() -> !text("#servingNumber").equals("\u2014") && !app.viewModel().busy.get());
        JsonNode tickets = backend.staffGet("/api/v1/branches/main/tickets").body();
        long called = 0;
        long waiting = 0;
        for (JsonNode t : tickets) {
            called += "called".equals(t.get("status").asText()) ? 1 : 0;
            waiting += "waiting".equals(t.get("status").asText()) ? 1 : 0;
        }
        assertEquals(1, called, tickets.toString());
        assertEquals(1, waiting, "a second call-next would have completed the first and called this one");
    }

    @Test
    void counterTakenAtAnotherDeskShowsTheSentence() {
        backend.createUser("clerk2", "clerk2-password-for-tests", "clerk", "main");
        String other = TestBackend.tokenOf(backend.login("clerk2", "clerk2-password-for-tests"));
        assertEquals(200, backend.sendAs(other, "POST", "/api/v1/branches/main/counters/2/sign-in", null).status());
        signIn();
        Fx.run(() -> button("#counter-2").fire());
        String sentence = new Problems(Messages.of(Locale.ENGLISH)).sentence(ErrorCode.COUNTER_TAKEN);
        waitUntil(() -> sentence.equals(text("#signInProblem")));
        assertEquals(CounterViewModel.Screen.CHOOSE_COUNTER, Fx.call(() -> app.viewModel().screen.get()));
    }

    @Test
    void theF1KeyCallsNext() {
        String first = issue("b");
        openCounter("1");
        Fx.run(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        new FxRobot().push(KeyCode.F1);
        waitUntil(() -> first.equals(text("#servingNumber")));
    }

    @Test
    void aRequiredPasswordChangeComesFirstThenTheCounters() {
        TestBackend.Reply created = backend.owner("POST", "/api/v1/users/clerk3", "{\"password\":"
                + "\"first-password-for-tests\",\"role\":\"clerk\",\"branches\":[\"main\"],"
                + "\"mustChangePassword\":true}");
        assertEquals(201, created.status(), String.valueOf(created.body()));
        Fx.run(() -> {
            ((TextInputControl) node("#username")).setText("clerk3");
            ((TextInputControl) node("#password")).setText("first-password-for-tests");
            button("#signIn").fire();
        });
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.CHANGE_PASSWORD);
        Fx.run(() -> {
            ((TextInputControl) node("#newPassword")).setText("second-password-for-tests");
            ((TextInputControl) node("#repeatPassword")).setText("second-password-for-tests");
            button("#changePassword").fire();
        });
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.CHOOSE_COUNTER);
        assertEquals(200, backend.login("clerk3", "second-password-for-tests").status());
    }

    @Test
    void anEndedSessionReturnsToSignInAndThenStraightBackToTheCounter() {
        openCounter("1");
        // the clerk changes the password elsewhere: every session of the clerk ends, the console's too
        TestBackend.Reply changed = backend.staffPost("/api/v1/auth/password", "{\"currentPassword\":\""
                + TestBackend.CLERK_PASSWORD + "\",\"newPassword\":\"changed-password-for-tests\"}");
        assertEquals(200, changed.status(), String.valueOf(changed.body()));
        Fx.run(() -> app.viewModel().callNext()); // the feed may have noticed first; then this does nothing
        String sentence = new Problems(Messages.of(Locale.ENGLISH)).sentence(ErrorCode.UNAUTHORIZED);
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.SIGN_IN
                && sentence.equals(text("#signInProblem")));
        assertEquals("1", Fx.call(() -> app.viewModel().counter.get()), "the counter is kept");

        Fx.run(() -> {
            ((TextInputControl) node("#username")).setText("clerk");
            ((TextInputControl) node("#password")).setText("changed-password-for-tests");
            button("#signIn").fire();
        });
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.CONSOLE
                && "1".equals(app.viewModel().counter.get()));
    }

    /** Otherwise an ended session would look like a lost network: offline for ever, with every action off. */
    @Test
    void aFeedWithAnEndedSessionGivesUpAsUnauthorizedInsteadOfStayingOffline() throws Exception {
        var failure = new java.util.concurrent.CompletableFuture<NowServingException>();
        try (NowServingClient ended = NowServingClient.builder("http://127.0.0.1:" + backend.port())
                .bearerToken("no-such-session").build()) {
            ended.subscribe("main", new FeedListener() {
                @Override
                public void onSnapshot(BranchSnapshot snapshot) {
                }

                @Override
                public void onEvent(Event event) {
                }

                @Override
                public void onFailure(NowServingException e) {
                    failure.complete(e);
                }
            });
            assertEquals(ErrorCode.UNAUTHORIZED, failure.get(20, SECONDS).code());
        }
    }

    private String issue(String service) {
        TestBackend.Reply r = backend.issue("main", service);
        assertEquals(201, r.status(), String.valueOf(r.body()));
        return r.body().get("number").asText();
    }

    private void signIn() {
        Fx.run(() -> {
            ((TextInputControl) node("#username")).setText("clerk");
            ((TextInputControl) node("#password")).setText(TestBackend.CLERK_PASSWORD);
            button("#signIn").fire();
        });
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.CHOOSE_COUNTER
                && node("#counter-1") != null);
    }

    /** Signs in, takes the counter and opens it when it is closed. */
    private void openCounter(String counter) {
        signIn();
        Fx.run(() -> button("#counter-" + counter).fire());
        waitUntil(() -> app.viewModel().screen.get() == CounterViewModel.Screen.CONSOLE
                && !button("#closeOrOpen").isDisabled());
        if ("closed".equals(Fx.call(() -> app.viewModel().counterState.get()))) {
            Fx.run(() -> button("#closeOrOpen").fire());
        }
        waitUntil(() -> "open".equals(app.viewModel().counterState.get()) && !button("#callNext").isDisabled());
    }

    private Node node(String id) {
        return app.scene().lookup(id);
    }

    private Button button(String id) {
        return (Button) node(id);
    }

    private String text(String id) {
        return ((Labeled) node(id)).getText();
    }

    /** Polls on the FX thread (generously: CI is a loaded machine). */
    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, SECONDS, () -> Fx.call(() -> {
                try {
                    return condition.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the console did not get there in 20 s", e);
        }
    }
}
