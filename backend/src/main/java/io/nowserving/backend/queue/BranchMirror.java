package io.nowserving.backend.queue;

/** Mirrors a branch's configuration from SQL into Redis when a script finds it missing (a wiped Redis). */
public interface BranchMirror {

    /** Mirrors the branch; false when SQL does not know it. */
    boolean mirror(String branchId);
}
