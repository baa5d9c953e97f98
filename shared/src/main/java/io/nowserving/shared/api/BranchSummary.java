package io.nowserving.shared.api;

/** A branch in the list of branches. */
public record BranchSummary(String id, String name) {
}
