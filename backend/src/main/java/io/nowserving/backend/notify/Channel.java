package io.nowserving.backend.notify;

import io.nowserving.backend.line.LineApi;
import java.util.Optional;
import java.util.function.Supplier;

/** A way of sending notifications: for one notification, one try (its outcome), or nothing when it has no recipient. */
interface Channel {
    Optional<Supplier<LineApi.Outcome>> prepare(Notification n);
}
