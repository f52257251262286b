package org.mcx.backend.acms.outbox;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Tx;

/**
 * Records what became of a send, each in one write transaction that first locks the partner's
 * {@code partner_link_owner} row and goes on only if it still names the sending link's
 * {@link Lease}. The lock orders the record and a takeover: a record either commits before another
 * node's claim can change the row, or sees the claim and records nothing. (A condition in the
 * DELETE itself would not do on PostgreSQL: in READ COMMITTED a subquery reads the statement's
 * snapshot, which can predate a claim that commits while the statement runs.) Each answers whether
 * the lease still held: false means another node has the partner now; it sends the entry again and
 * the partner answers a repeated {@code requestId} with what it stored the first time.
 */
final class SendOutcomes {
    private final Database db;
    private final Outbox outbox;
    private final Acknowledgements acks;
    private final Lease lease;

    SendOutcomes(Database db, Outbox outbox, Acknowledgements acks, Lease lease) {
        this.db = db;
        this.outbox = outbox;
        this.acks = acks;
        this.lease = lease;
    }

    @FunctionalInterface
    private interface Outcome {
        void record(Tx tx) throws SQLException;
    }

    /** The partner answered {@code stored}. */
    CompletableFuture<Boolean> stored(OutboxEntry entry) {
        return underLease(tx -> {
            if (outbox.remove(tx.connection(), entry.outboxId())) {
                acks.stored(tx, entry);
            }
        });
    }

    /** The partner refused for good, or the entry cannot be sent at all. */
    CompletableFuture<Boolean> refused(OutboxEntry entry, String reason) {
        return underLease(tx -> {
            if (outbox.remove(tx.connection(), entry.outboxId())) {
                acks.refused(tx, entry, reason);
            }
        });
    }

    /** The send failed in a way a retry may mend. */
    CompletableFuture<Boolean> failed(OutboxEntry entry, String error) {
        return underLease(tx -> outbox.attemptFailed(tx.connection(), entry.outboxId(), error));
    }

    private CompletableFuture<Boolean> underLease(Outcome outcome) {
        return db.write(tx -> {
            if (!OwnerTable.lockIfHeld(tx.connection(), lease)) {
                return false;
            }
            outcome.record(tx);
            return true;
        });
    }
}
