package org.mcx.backend.acms.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node holds partners' outboxes among the nodes on one database.
 *
 * @param renewEvery     how often the node renews what it holds and claims what is free
 * @param lease          how long a claim or renewal holds, by the database's clock; another node
 *                       takes a partner over once its lease has run out
 * @param outboxPoll     how often a connected, idle link looks into its outbox for messages written
 *                       on other nodes (what this node writes wakes its link at once)
 * @param exclusiveStore the store is an H2 file, which one process holds: no other node can exist,
 *                       so a row naming another instance is a leftover of this node's previous
 *                       process and is taken over at once instead of after its lease
 */
public record OwnershipConfig(Duration renewEvery, Duration lease, Duration outboxPoll, boolean exclusiveStore) {
    public OwnershipConfig {
        Objects.requireNonNull(renewEvery, "renewEvery");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(outboxPoll, "outboxPoll");
        // Two renewals per lease at least, so that one slow or failed round does not lose a partner.
        if (renewEvery.isNegative() || renewEvery.isZero() || lease.compareTo(renewEvery.multipliedBy(2)) < 0
                || outboxPoll.isNegative() || outboxPoll.isZero()) {
            throw new IllegalArgumentException("need 0 < 2 × renewEvery <= lease and outboxPoll > 0, got "
                    + renewEvery + ", " + lease + " and " + outboxPoll);
        }
    }

    /** Renewed every 2 s, a lease of 6 s, outboxes polled every second. */
    public static OwnershipConfig defaults(boolean exclusiveStore) {
        return new OwnershipConfig(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(1), exclusiveStore);
    }
}
