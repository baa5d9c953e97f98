package io.nowserving.shared.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code POST} and {@code PATCH /api/v1/users/{u}} (owners); a null field is left out, so a PATCH
 * changes only what is set. A password an owner sets is temporary (changed at the first sign-in) unless
 * {@code mustChangePassword} is false; {@code branches} are ignored for owners.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserChange(String password, String role, List<String> branches, Boolean disabled,
                         Boolean mustChangePassword) {
    /** Only {@code disabled} changes. */
    public static UserChange disabled(boolean disabled) {
        return new UserChange(null, null, null, disabled, null);
    }

    /** Never print the password. */
    @Override
    public String toString() {
        return "UserChange[role=" + role + ", branches=" + branches + ", disabled=" + disabled + "]";
    }
}
