package io.nowserving.backend.line;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text message read as a command, in Traditional Chinese or English: take a ticket ({@code 取號 A},
 * {@code take A}; the service by prefix or id, or none), status ({@code 查詢}, {@code status}), cancel
 * ({@code 取消}, {@code cancel}), and anything else: help. The language is Chinese when the text has any Han
 * character.
 */
public record LineCommand(Kind kind, String service, String language) {
    public enum Kind { TAKE, STATUS, CANCEL, HELP }

    private static final Pattern TAKE = Pattern.compile(
            "(?:取號|取号|抽號|抽号|take|ticket|get)\\s*(?:a\\s+ticket\\s*(?:for\\s*)?)?([a-z0-9-]{1,32})?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    public static LineCommand parse(String text) {
        String t = text == null ? "" : text.strip();
        String language = HAN.matcher(t).find() ? "zh-TW" : "en";
        String lower = t.toLowerCase(Locale.ROOT);
        Matcher take = TAKE.matcher(t);
        if (take.matches()) {
            String service = take.group(1);
            return new LineCommand(Kind.TAKE, service == null ? null : service.toLowerCase(Locale.ROOT), language);
        }
        if (lower.equals("status") || lower.equals("my ticket") || t.equals("查詢") || t.equals("查询")
                || t.equals("進度") || t.equals("查號")) {
            return new LineCommand(Kind.STATUS, null, language);
        }
        if (lower.equals("cancel") || t.equals("取消")) {
            return new LineCommand(Kind.CANCEL, null, language);
        }
        return new LineCommand(Kind.HELP, null, language);
    }
}
