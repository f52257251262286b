package org.mcx.backend.acms.outbox;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Tx;

/**
 * Records what became of a send, under the sending link's {@link Lease}, each in one write
 * transaction. Each answers whether this node still held the partner: false means another node has
 * taken it over and nothing was recorded (the new owner sends the entry again; the partner answers
 * a repeated {@code requestId} with what it stored the first time).
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
        return removeThen(entry, tx -> acks.stored(tx, entry));
    }

    /** The partner refused for good, or the entry cannot be sent at all. */
    CompletableFuture<Boolean> refused(OutboxEntry entry, String reason) {
        return removeThen(entry, tx -> acks.refused(tx, entry, reason));
    }

    /** The send failed in a way a retry may mend. */
    CompletableFuture<Boolean> failed(OutboxEntry entry, String error) {
        return db.write(tx -> outbox.attemptFailed(tx.connection(), entry.outboxId(), error, lease)
                || OwnerTable.holds(tx.connection(), lease));
    }

    /** The outcome applies only if this removal does: an entry is finished once, whoever sent it. */
    private CompletableFuture<Boolean> removeThen(OutboxEntry entry, Outcome outcome) {
        return db.write(tx -> {
            if (outbox.remove(tx.connection(), entry.outboxId(), lease)) {
                outcome.record(tx);
                return true;
            }
            return OwnerTable.holds(tx.connection(), lease); // held: a cancel removed the entry meanwhile
        });
    }
}
