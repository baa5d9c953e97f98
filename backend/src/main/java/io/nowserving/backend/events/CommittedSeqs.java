package io.nowserving.backend.events;

import java.util.Set;

/**
 * The highest event seq SQL has committed per branch: the floor of the epoch rule (invariant 2) and the bound
 * stream trimming never passes. The durable-history issue supplies the real one; until then {@link #NONE}
 * answers 0, so the epoch rule relies on what this instance has seen and the stream is never trimmed.
 */
public interface CommittedSeqs {
    CommittedSeqs NONE = new CommittedSeqs() {
        @Override
        public long committed(String branch) {
            return 0;
        }

        @Override
        public Set<String> branches() {
            return Set.of();
        }
    };

    /** The highest seq SQL committed for the branch, any epoch; 0 when none. */
    long committed(String branch);

    /** The branches SQL holds events of. */
    Set<String> branches();
}
