package io.nowserving.shared.api;

import java.util.List;

/** A staff account as the user routes answer it (never a password or its hash). */
public record StaffUser(String id, String username, String role, List<String> branches, boolean disabled,
                        boolean mustChangePassword) {
}
