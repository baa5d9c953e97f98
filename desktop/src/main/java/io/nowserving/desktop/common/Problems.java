package io.nowserving.desktop.common;

import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.client.NowServingException;

/**
 * Every refusal of the backend as one short sentence for the person at the screen (keys {@code problem.<code>}
 * in the bundle); stack traces go to the log, never to the screen.
 */
public final class Problems {
    private final Messages messages;

    public Problems(Messages messages) {
        this.messages = messages;
    }

    /** The sentence for {@code failure}: a refusal by its code, a lost connection, or anything else. */
    public String sentence(Throwable failure) {
        if (failure instanceof NowServingException e) {
            if (e.networkFailure()) {
                return messages.get("problem.offline");
            }
            return sentence(e.code());
        }
        return messages.get("problem.unexpected");
    }

    /** The sentence for a code. */
    public String sentence(ErrorCode code) {
        return messages.get("problem." + code.code());
    }
}
