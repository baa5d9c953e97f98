package io.nowserving.desktop.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.kiosk.KioskViewModel.Printing;
import io.nowserving.desktop.kiosk.KioskViewModel.Screen;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.WaitEstimate;
import io.nowserving.shared.client.NowServingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kiosk's behaviour without a window: same-thread background, a scripted backend, recording printer. */
class KioskViewModelTest {
    private final Background background = Background.sameThread();
    private final List<String> issued = new ArrayList<>();
    private final RecordingPrinter printer = new RecordingPrinter();
    private final RecordingSink audio = new RecordingSink();
    private RuntimeException refusal;

    private KioskViewModel vm(ReceiptPrinter p) {
        KioskViewModel vm = new KioskViewModel(Locale.ENGLISH, background, (service, language) -> {
            issued.add(service + "/" + language);
            if (refusal != null) {
                throw refusal;
            }
            return new Ticket("t" + issued.size(), service.toUpperCase(Locale.ROOT) + "00" + issued.size(), service,
                    "waiting", 2, new WaitEstimate(300, 600), null, "tok", "http://shop/t/abc#k=tok");
        }, p, audio, Clock.fixed(Instant.parse("2026-03-02T06:00:00Z"), ZoneOffset.UTC));
        vm.onSnapshot(snapshot(1, true, 5));
        return vm;
    }

    static BranchSnapshot snapshot(long seq, boolean open, Integer capacityOfA) {
        return new BranchSnapshot("main", "Main Street", "e1", seq, 0, open, List.of(
                new ServiceStatus("a", "General", "A", 3, new WaitEstimate(240, 720), capacityOfA),
                new ServiceStatus("b", "Accounts", "B", 0, new WaitEstimate(0, 0), null)), List.of(), List.of(),
                "Asia/Taipei");
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void servicesThatTakeNoTicketSayWhy() {
        KioskViewModel vm = vm(printer);
        assertTrue(vm.services().stream().allMatch(ServiceChoice::available));
        vm.onSnapshot(snapshot(2, true, 0));
        assertEquals(ServiceChoice.Reason.FULL, vm.services().get(0).reason());
        assertTrue(vm.services().get(1).available());
        vm.onSnapshot(snapshot(3, false, 5));
        assertTrue(vm.services().stream().allMatch(s -> s.reason() == ServiceChoice.Reason.BRANCH_CLOSED));
        assertFalse(vm.branchOpen().get());
        vm.take("a");
        assertEquals(List.of(), issued, "no ticket while the branch is closed");
    }

    @Test
    void oneTouchIssuesOneTicketInTheChosenLanguageAndPrintsItsReceipt() {
        KioskViewModel vm = vm(printer);
        vm.toggleLanguage();
        vm.take("a");
        vm.take("a");
        assertEquals(List.of("a/zh-TW"), issued);
        assertEquals(Screen.TICKET, vm.screen().get());
        assertEquals("A001", vm.ticket().get().number());
        assertEquals(Printing.PRINTED, vm.printing().get());
        assertEquals(1, printer.count());
        String receipt = new String(printer.printed.get(0), StandardCharsets.ISO_8859_1);
        assertTrue(receipt.contains("A001"), receipt);
        assertTrue(receipt.contains("http://shop/t/abc#k=tok"), receipt);
    }

    @Test
    void aPrinterProblemKeepsTheTicketOnScreenAndPrintingAgainIssuesNoSecondTicket() {
        printer.failingWith(PrinterProblem.Kind.NO_PAPER);
        KioskViewModel vm = vm(printer);
        vm.take("b");
        assertEquals(Printing.FAILED, vm.printing().get());
        assertEquals(PrinterProblem.Kind.NO_PAPER, vm.printerProblem().get());
        assertEquals("B001", vm.ticket().get().number());
        vm.print();
        assertEquals(Printing.PRINTED, vm.printing().get());
        assertEquals(1, printer.count());
        assertEquals(1, issued.size(), "printing again issued no ticket");
    }

    @Test
    void withoutAPrinterTheTicketIsOnlyShown() {
        KioskViewModel vm = vm(ReceiptPrinter.none());
        vm.take("a");
        assertEquals(Screen.TICKET, vm.screen().get());
        assertEquals(Printing.NONE, vm.printing().get());
    }

    @Test
    void capacityExhaustedShowsANoticeInTheChosenLanguageThenTheStartAgain() {
        KioskViewModel vm = vm(printer);
        refusal = new NowServingException(ErrorCode.CAPACITY_EXHAUSTED, 409, null, "full", null);
        vm.take("a");
        assertEquals(Screen.NOTICE, vm.screen().get());
        assertEquals("General has given out all of today's tickets. Please ask at the desk.", vm.noticeText());
        vm.toggleLanguage();
        assertEquals("General今日號碼已發完，請洽櫃檯。", vm.noticeText());
        assertTrue(vm.needsSnapshot().get(), "a refusal asks for a fresh snapshot");
        for (int i = 0; i < IdleTimeout.SECONDS; i++) {
            vm.tick();
        }
        assertEquals(Screen.START, vm.screen().get());
        assertEquals(Locale.ENGLISH, vm.locale().get(), "the next customer starts in the kiosk's language");
    }

    @Test
    void aServiceTheBackendSaysIsClosedShowsSoUntilTheConfigurationChanges() {
        KioskViewModel vm = vm(printer);
        refusal = new NowServingException(ErrorCode.SERVICE_CLOSED, 409, null, "closed", null);
        vm.take("b");
        assertEquals("Accounts takes no tickets now. Please ask at the desk.", vm.noticeText());
        vm.backToStart();
        vm.onSnapshot(snapshot(2, true, 5));
        assertEquals(ServiceChoice.Reason.CLOSED, vm.services().get(1).reason(), "a fresh snapshot keeps it closed");
        assertTrue(vm.services().get(0).available());
    }

    @Test
    void aLostConnectionWhileIssuingSaysSoAndTheFeedGoingOfflineBlanksTheButtons() {
        KioskViewModel vm = vm(printer);
        refusal = new NowServingException(ErrorCode.UNAVAILABLE, 0, null, "no route", null);
        vm.take("a");
        assertEquals("The kiosk cannot reach the server. Please try again in a moment or ask at the desk.",
                vm.noticeText());
        vm.backToStart();
        vm.onOffline(Instant.now());
        refusal = null;
        vm.take("a");
        assertEquals(1, issued.size(), "no touch goes out while offline");
        vm.onOnline();
        vm.take("a");
        assertEquals(2, issued.size());
    }

    @Test
    void theScreenReturnsToTheStartAfterTheIdleTimeOutUnlessGivenMoreTime() {
        KioskViewModel vm = vm(printer);
        assertEquals(IdleTimeout.OFF, vm.secondsLeft().get(), "a fresh start screen waits for ever");
        vm.take("b");
        assertEquals(IdleTimeout.SECONDS, vm.secondsLeft().get());
        for (int i = 0; i < IdleTimeout.SECONDS - 1; i++) {
            vm.tick();
        }
        assertEquals(1, vm.secondsLeft().get());
        vm.moreTime();
        vm.tick();
        assertEquals(Screen.TICKET, vm.screen().get(), "more time kept the ticket");
        vm.touched();
        assertEquals(IdleTimeout.SECONDS, vm.secondsLeft().get(), "a touch starts the time over");
        for (int i = 0; i < IdleTimeout.SECONDS; i++) {
            vm.tick();
        }
        assertEquals(Screen.START, vm.screen().get());
        assertNull(vm.ticket().get());
    }

    @Test
    void accessibleModeGivesMoreTimeAndSpeaksThePromptAndTheTicket() {
        KioskViewModel vm = vm(printer);
        vm.toggleAccessible();
        assertEquals(2 * IdleTimeout.SECONDS, vm.secondsLeft().get());
        assertEquals(List.of(List.of("chime", "prompt-choose", "a", "b")), audio.played());
        vm.take("a");
        assertEquals(List.of("chime", "word-number", "a", "0", "0", "1", "prompt-wait"), audio.played().get(1));
        vm.backToStart();
        assertFalse(vm.accessible().get());
        vm.toggleLanguage();
        vm.toggleAccessible();
        vm.take("b");
        assertEquals(List.of("chime", "word-number", "b", "0", "0", "2", "word-hao", "prompt-wait"),
                audio.played().get(3));
    }

    @Test
    void waitsAreRangesOfWholeMinutes() {
        Messages en = Messages.of(KioskViewModel.BUNDLE, Locale.ENGLISH);
        assertEquals("4\u201312 min", WaitText.of(en, new WaitEstimate(240, 720)));
        assertEquals("about 5 min", WaitText.of(en, new WaitEstimate(300, 300)));
        assertEquals("no wait", WaitText.of(en, new WaitEstimate(0, 0)));
        assertEquals("not known yet", WaitText.of(en, null));
    }
}
