package org.mcx.backend.partners;

import java.sql.Connection;
import java.sql.SQLException;
import org.mcx.backend.store.Tx;

/** Whoever keeps links to partners open (the ACMS) hears of changes to them through this. */
public interface PartnerLinkControl {
    PartnerLinkControl NONE = new PartnerLinkControl() {
        @Override
        public void saved(String systemId) {
        }

        @Override
        public void deleting(Tx tx, String systemId) {
        }

        @Override
        public void deleted(String systemId) {
        }

        @Override
        public boolean connected(Connection c, String systemId) {
            return false;
        }
    };

    /** After commit: a partner was added or changed (its endpoint or secret may be new). */
    void saved(String systemId);

    /** In the transaction that removes a partner, before its row goes: what hangs on it goes too. */
    void deleting(Tx tx, String systemId) throws SQLException;

    /** After commit: a partner was removed. */
    void deleted(String systemId);

    /** Whether this system's link to the partner is up now, the same on every node (read on {@code c}). */
    boolean connected(Connection c, String systemId) throws SQLException;
}
