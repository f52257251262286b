package org.mcx.backend.acms.outbox;

/**
 * This node's hold on one partner's outbox: the {@code partner_link_owner} row naming
 * {@code owner} with {@code fence}. Whatever a link records about the partner is recorded only
 * while the row still reads so ({@link SendOutcomes}), so a node that lost the partner changes
 * nothing.
 */
public record Lease(String partnerSystemId, String owner, long fence) {
}
