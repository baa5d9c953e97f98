package io.nowserving.backend.line;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/** What the LINE account says, in Traditional Chinese and English ({@code {0}}-style arguments). */
public final class LineTexts {
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("taken", "Your number is {0} ({1}). {2} ahead of you, about {3}–{4} min."),
            Map.entry("held", "You already hold {0} ({1}). {2} ahead of you, about {3}–{4} min."),
            Map.entry("track", "Follow it live: {0}"),
            Map.entry("which", "Which service? Tap one below."),
            Map.entry("none", "You hold no ticket now. Tap a service below to take one."),
            Map.entry("waiting", "{0} ({1}): {2} ahead of you, about {3}–{4} min."),
            Map.entry("called", "{0}: please go to {1} now."),
            Map.entry("no_show", "{0}: you missed your turn."),
            Map.entry("cancelled", "{0} is cancelled."),
            Map.entry("cannot_cancel", "{0} has been called already; it can no longer be cancelled."),
            Map.entry("help", "Send \"take A\" for a ticket of service A, \"status\" to see your ticket, \"cancel\" to give it up. 中文：「取號 A」「查詢」「取消」。"),
            Map.entry("branch_closed", "Sorry, we are closed now."),
            Map.entry("capacity_exhausted", "Sorry, {0} has no tickets left today."),
            Map.entry("service_closed", "Sorry, {0} takes no tickets now."),
            Map.entry("unavailable", "Sorry, something went wrong. Please try again in a minute."),
            Map.entry("notify.ahead", "{0}: {1} people ahead of you. Please come back to the waiting area."),
            Map.entry("notify.next", "{0}: you are next. Please come back to the waiting area."),
            Map.entry("notify.called", "{0}: please go to {1} now."),
            Map.entry("notify.no_show", "{0}: you missed your turn — come back within {1} minutes."),
            Map.entry("take", "take {0}"));
    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("taken", "您的號碼是 {0}（{1}）。前面還有 {2} 位，約等 {3}–{4} 分鐘。"),
            Map.entry("held", "您已持有號碼 {0}（{1}）。前面還有 {2} 位，約等 {3}–{4} 分鐘。"),
            Map.entry("track", "即時查看：{0}"),
            Map.entry("which", "請選擇服務項目："),
            Map.entry("none", "您目前沒有號碼。點選下方服務即可取號。"),
            Map.entry("waiting", "{0}（{1}）：前面還有 {2} 位，約等 {3}–{4} 分鐘。"),
            Map.entry("called", "{0}：請立即前往{1}。"),
            Map.entry("no_show", "{0}：已過號。"),
            Map.entry("cancelled", "{0} 已取消。"),
            Map.entry("cannot_cancel", "{0} 已被叫號，無法取消。"),
            Map.entry("help", "傳「取號 A」取得 A 服務的號碼，「查詢」查看號碼，「取消」取消號碼。English: \"take A\", \"status\", \"cancel\"."),
            Map.entry("branch_closed", "抱歉，目前非營業時間。"),
            Map.entry("capacity_exhausted", "抱歉，{0} 今日號碼已發完。"),
            Map.entry("service_closed", "抱歉，{0} 目前暫停取號。"),
            Map.entry("unavailable", "抱歉，系統暫時無法處理，請稍後再試。"),
            Map.entry("notify.ahead", "{0}：前面還有 {1} 位，請回到等候區。"),
            Map.entry("notify.next", "{0}：下一位就是您，請回到等候區。"),
            Map.entry("notify.called", "{0}：請立即前往{1}。"),
            Map.entry("notify.no_show", "{0}：您已過號，請在 {1} 分鐘內回來報到。"),
            Map.entry("take", "取號 {0}"));

    private LineTexts() {
    }

    /** Whether a language tag (zh-TW, zh-Hant, en, …) reads Chinese. */
    public static boolean chinese(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** The sentence {@code key} in the language, with its arguments. */
    public static String text(String language, String key, Object... args) {
        String pattern = (chinese(language) ? ZH : EN).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no LINE text " + key);
        }
        return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
    }
}
