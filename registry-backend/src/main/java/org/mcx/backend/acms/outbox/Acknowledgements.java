package org.mcx.backend.acms.outbox;

import java.sql.SQLException;
import org.mcx.backend.store.Tx;

/** What the sender of an outbox message learns, applied in the transaction that removes it. */
public interface Acknowledgements {
    /** The partner answered {@code stored}. */
    void stored(Tx tx, OutboxEntry entry) throws SQLException;

    /** The partner refused the message for good (e.g. {@code NOT_FOUND}); resending cannot help. */
    void refused(Tx tx, OutboxEntry entry, String reason) throws SQLException;
}
