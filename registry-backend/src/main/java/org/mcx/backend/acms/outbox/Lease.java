package org.mcx.backend.acms.outbox;

/**
 * This node's hold on one partner's outbox: the {@code partner_link_owner} row naming
 * {@code owner} with {@code fence}. Whatever a link records about the partner is conditional on
 * the row still reading so ({@link #HELD}), so a node that lost the partner changes nothing.
 */
public record Lease(String partnerSystemId, String owner, long fence) {
    /** The condition, for a WHERE clause; binds partner, owner and fence in that order ({@link #args}). */
    static final String HELD = "EXISTS (SELECT 1 FROM partner_link_owner WHERE partner_system_id = ?"
            + " AND owner_instance = ? AND fence = ?)";

    Object[] args() {
        return new Object[] {partnerSystemId, owner, fence};
    }
}
