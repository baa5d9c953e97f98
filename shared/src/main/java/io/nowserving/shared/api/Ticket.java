package io.nowserving.shared.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A ticket as its holder and staff see it. {@code token} and {@code trackUrl} are present only in the answer
 * that issues (or re-issues) it; {@code counter} once it is called. {@code status} is one of waiting, called,
 * completed, no_show, cancelled, reset.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ticket(String id, String number, String service, String status, Integer ahead,
                     WaitEstimate estimatedWait, String counter, String token, String trackUrl) {

    /** The same ticket carrying its (freshly rotated) token and tracking link. */
    public Ticket withToken(String newToken, String newTrackUrl) {
        return new Ticket(id, number, service, status, ahead, estimatedWait, counter, newToken, newTrackUrl);
    }
}
