package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Problems;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.client.NowServingException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend's refusals in the form's words. An {@code invalid_request} about configuration names its field and
 * rule in the detail ("services[2].prefix 'A' is already the prefix of service 'a'"); those are read back into
 * the same {@link InvalidField} sentences the forms use before sending. Every other refusal gets the shared
 * sentence of its code ({@link Problems}); an unknown detail is added after the sentence, as the backend wrote it.
 */
final class BackendRefusals {
    private static final String FIELD = "(?:services\\[\\d+]\\.|counters\\[\\d+]\\.)?([A-Za-z]+(?:\\.[a-z]{3})?)"
            + "(?:\\[\\d+])?";
    private static final List<Reading> READINGS = List.of(
            reading(FIELD + " must be at least (\\d+),.*", m -> new InvalidField(m.group(1), "atLeast",
                    Integer.parseInt(m.group(2)))),
            reading(FIELD + " must be 0 \\(no message\\) to (\\d+) people ahead.*", m -> new InvalidField(m.group(1),
                    "atMost", Integer.parseInt(m.group(2)))),
            reading(FIELD + " must be 1 to 3 capital letters.*", m -> new InvalidField(m.group(1), "prefix")),
            reading(FIELD + " '([A-Z]+)' is already the prefix of service '([^']+)'", m -> new InvalidField(
                    m.group(1), "prefixTaken", m.group(2), m.group(3))),
            reading(FIELD + " must be 1 to 32 of a-z.*", m -> new InvalidField(m.group(1), "id")),
            reading(FIELD + " must be 1 to (\\d+) characters.*", m -> new InvalidField(m.group(1), "name",
                    Integer.parseInt(m.group(2)))),
            reading(FIELD + " is required", m -> new InvalidField(m.group(1), "required")),
            reading(FIELD + " has overlapping intervals.*", m -> new InvalidField(m.group(1), "overlap")),
            reading(FIELD + " names service '([^']+)', which.*", m -> new InvalidField("services", "unknownService",
                    m.group(2))),
            reading("field '(password)' must have at least (\\d+) characters", m -> new InvalidField(m.group(1),
                    "passwordShort", Integer.parseInt(m.group(2)))),
            reading("(username) must be 1-64 of.*", m -> new InvalidField(m.group(1), "username")),
            reading("user (\\S+) exists already", m -> new InvalidField("username", "userExists", m.group(1))),
            reading("the last active owner cannot.*", m -> new InvalidField("role", "lastOwner")),
            reading("field '(name)' is required \\(1-80 characters\\)", m -> new InvalidField(m.group(1), "name",
                    ConfigRules.NAME_MAX)));

    private final Messages words;
    private final Problems problems;

    BackendRefusals(Messages words, Problems problems) {
        this.words = words;
        this.problems = problems;
    }

    /** The sentence for a failed call, or for a value the form itself refused. */
    String sentence(Throwable failure) {
        if (failure instanceof InvalidField f) {
            return f.sentence(words);
        }
        if (failure instanceof NowServingException e && e.code() == ErrorCode.INVALID_REQUEST
                && e.problem() != null && e.problem().detail() != null) {
            String detail = e.problem().detail();
            for (Reading r : READINGS) {
                Matcher m = r.pattern().matcher(detail);
                if (m.matches()) {
                    return r.read().apply(m).sentence(words);
                }
            }
            return problems.sentence(failure) + " (" + detail + ")";
        }
        return problems.sentence(failure);
    }

    private static Reading reading(String regex, Function<Matcher, InvalidField> read) {
        return new Reading(Pattern.compile(regex), read);
    }

    private record Reading(Pattern pattern, Function<Matcher, InvalidField> read) {
    }
}
