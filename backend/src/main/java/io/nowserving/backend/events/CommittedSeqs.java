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

    /** SQL's committed seqs from {@code committed} and the branches from {@code branches}. */
    static CommittedSeqs of(java.util.function.ToLongFunction<String> committed,
                            java.util.function.Supplier<? extends java.util.Collection<String>> branches) {
        return new CommittedSeqs() {
            @Override
            public long committed(String branch) {
                return committed.applyAsLong(branch);
            }

            @Override
            public Set<String> branches() {
                return Set.copyOf(branches.get());
            }
        };
    }

    /** The highest seq SQL committed for the branch, any epoch; 0 when none. */
    long committed(String branch);

    /** The branches SQL holds events of. */
    Set<String> branches();
}
