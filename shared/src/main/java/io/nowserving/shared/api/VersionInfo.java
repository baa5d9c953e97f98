package io.nowserving.shared.api;

/** {@code GET /api/v1/version}: the build's version and the API generation the apps must speak. */
public record VersionInfo(String version, int api) {

    /** The API generation of this build of the shared module. */
    public static final int API = 1;
}
