package io.nowserving.backend.config;

/** What {@code GET /api/v1/branches} lists. */
public record BranchSummary(String id, String name) {
}
