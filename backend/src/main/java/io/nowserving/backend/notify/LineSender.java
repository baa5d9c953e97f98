package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nowserving.backend.line.LineApi;
import io.nowserving.backend.line.LineTexts;
import io.nowserving.backend.line.LineTickets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The LINE channel: the holder looked up in {@link LineTickets} when sending (gone: nothing to send), one push
 * per try with the notification's own retry key (LINE delivers a key once; a 409 for it means delivered).
 */
final class LineSender implements Channel {
    private final LineApi api;
    private final LineTickets holders;
    private final ObjectMapper json;

    LineSender(LineApi api, LineTickets holders, ObjectMapper json) {
        this.api = api;
        this.holders = holders;
        this.json = json;
    }

    @Override
    public Optional<Supplier<LineApi.Outcome>> prepare(Notification n) {
        Optional<LineTickets.Held> holder = holders.holder(n.branch(), n.ticketId());
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode messages = json.createArrayNode();
        messages.addObject().put("type", "text").put("text", text(n));
        return Optional.of(() -> api.push(holder.get().lineUserId(), messages, n.retryKey()));
    }

    static String text(Notification n) {
        return switch (n.kind()) {
            case "ahead" -> "0".equals(n.param()) ? LineTexts.text(n.language(), "notify.next", n.number())
                    : LineTexts.text(n.language(), "notify.ahead", n.number(), n.param());
            case "called" -> LineTexts.text(n.language(), "notify.called", n.number(), n.param());
            case "no_show" -> LineTexts.text(n.language(), "notify.no_show", n.number(), n.param());
            default -> throw new IllegalArgumentException("unknown notification kind " + n.kind());
        };
    }
}
