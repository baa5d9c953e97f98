package io.nowserving.desktop.admin.config;

import io.nowserving.desktop.common.Messages;
import java.util.List;

/**
 * A value a form cannot send, for the same reason the backend would refuse it: the {@code field} (the backend's
 * name for it, e.g. {@code dailyCapacity}), the {@code rule} it breaks (a bundle key {@code rule.<rule>}) and the
 * values the sentence names. Thrown by {@link ConfigRules}; read back from the backend's refusals by
 * {@link BackendRefusals}, so both say the same sentence.
 */
final class InvalidField extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;
    private final transient List<Object> args;

    InvalidField(String field, String rule, Object... args) {
        super(field + " " + rule, null, false, false);
        this.field = field;
        this.rule = rule;
        this.args = List.of(args);
    }

    String field() {
        return field;
    }

    String rule() {
        return rule;
    }

    /** "Prefix: use 1 to 3 capital letters A to Z." in the words' language. */
    String sentence(Messages words) {
        String label = words.has("field." + field) ? words.get("field." + field) : field;
        return words.get("problem.field", label, words.get("rule." + rule, args.toArray()));
    }
}
