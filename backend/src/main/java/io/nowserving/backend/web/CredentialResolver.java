package io.nowserving.backend.web;

import java.util.Optional;

/** Turns a bearer token into the staff member or device it belongs to; empty for an unknown or revoked one. */
public interface CredentialResolver {
    Optional<Caller> resolve(String bearerToken);
}
