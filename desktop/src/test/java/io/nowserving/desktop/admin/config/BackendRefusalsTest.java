package io.nowserving.desktop.admin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Problem;
import io.nowserving.shared.client.NowServingException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The backend's refusals and the forms' own checks say the same sentence, in both languages. */
class BackendRefusalsTest {
    private static BackendRefusals in(Locale locale) {
        return new BackendRefusals(Messages.of(ConfigurationScreen.BUNDLE, locale),
                new Problems(Messages.of(locale)));
    }

    private static NowServingException refused(ErrorCode code, String detail) {
        return new NowServingException(code, code.status(), Problem.of(code, detail), detail, null);
    }

    @Test
    void aRefusedValueReadsAsTheFormsOwnSentence() {
        BackendRefusals en = in(Locale.ENGLISH);
        InvalidField local = assertThrows(InvalidField.class, () -> ConfigRules.capacity("0"));
        String sentence = "Tickets per day: must be at least 1.";
        assertEquals(sentence, en.sentence(local));
        assertEquals(sentence, en.sentence(refused(ErrorCode.INVALID_REQUEST,
                "dailyCapacity must be at least 1, was 0")));
        assertEquals("每日號碼數：至少須為 1。", in(Messages.TRADITIONAL_CHINESE).sentence(local));
        assertEquals("字母：A 已是服務 a 的字母，請選擇其他字母。", in(Messages.TRADITIONAL_CHINESE).sentence(
                refused(ErrorCode.INVALID_REQUEST, "services[2].prefix 'A' is already the prefix of service 'a'")));
        assertEquals("Tuesday: two opening times overlap.", en.sentence(refused(ErrorCode.INVALID_REQUEST,
                "openingHours.tue has overlapping intervals [08:00, 12:00) and [11:00, 13:00)")));
    }

    @Test
    void notifyAheadIsTheDefaultWhenEmptyAndZeroToAHundredOtherwise() {
        BackendRefusals en = in(Locale.ENGLISH);
        assertEquals(null, ConfigRules.notifyAhead(" "));
        assertEquals(0, ConfigRules.notifyAhead("0"));
        assertEquals(7, ConfigRules.notifyAhead(" 7 "));
        assertThrows(InvalidField.class, () -> ConfigRules.notifyAhead("-1"));
        InvalidField tooMany = assertThrows(InvalidField.class, () -> ConfigRules.notifyAhead("101"));
        String sentence = "Tell when ahead: must be at most 100.";
        assertEquals(sentence, en.sentence(tooMany));
        assertEquals(sentence, en.sentence(refused(ErrorCode.INVALID_REQUEST, "notifyAhead must be 0 (no message) "
                + "to 100 people ahead, or left out for the backend's default; was 101")));
        assertEquals(3, new Drafts.Service("a", "A", "A", "", "10", "5", "3").settings().notifyAhead());
    }

    @Test
    void otherRefusalsHaveTheirCodesSentenceAndAnUnknownDetailIsKept() {
        BackendRefusals en = in(Locale.ENGLISH);
        assertEquals("People are still waiting for this service.", en.sentence(refused(ErrorCode.SERVICE_IN_USE,
                "3 people wait in service b; serve or transfer them first")));
        assertEquals("The request was not accepted. Check what you entered. (something new)",
                en.sentence(refused(ErrorCode.INVALID_REQUEST, "something new")));
    }

    @Test
    void openingHoursAreCheckedAsTheBackendChecksThem() {
        assertEquals(List.of(List.of("08:30", "12:00"), List.of("13:00", "24:00")),
                HoursText.parse("mon", "13:00-24:00, 8:30 - 12:00"));
        assertEquals(List.of(), HoursText.parse("sun", " "));
        assertEquals("overlap", assertThrows(InvalidField.class,
                () -> HoursText.parse("mon", "08:00-12:00, 11:00-13:00")).rule());
        assertEquals("closeAfterOpen", assertThrows(InvalidField.class,
                () -> HoursText.parse("mon", "12:00-08:00")).rule());
        assertEquals("time", assertThrows(InvalidField.class, () -> HoursText.parse("mon", "24:00-24:00")).rule());
        assertEquals("08:30-12:00, 13:00-24:00", HoursText.format(HoursText.parse("mon", "08:30-12:00,13:00-24:00")));
    }

    @Test
    void minutesBecomeWholeSeconds() {
        assertEquals(150, ConfigRules.minutesToSeconds("noShowGraceSeconds", "2.5"));
        assertEquals(600, ConfigRules.minutesToSeconds("targetWaitSeconds", "10"));
        assertEquals("atLeast", assertThrows(InvalidField.class,
                () -> ConfigRules.minutesToSeconds("targetWaitSeconds", "-1")).rule());
        assertEquals("number", assertThrows(InvalidField.class,
                () -> ConfigRules.minutesToSeconds("targetWaitSeconds", "0.001")).rule());
        assertEquals(null, ConfigRules.capacity(" "));
    }
}
