package org.mcx.protocol;

/**
 * Console roles. ADMIN may do everything; APPROVER and OPERATOR each add their own rights to
 * VIEWER's read access.
 */
public enum Role {
    ADMIN,
    APPROVER,
    OPERATOR,
    VIEWER;

    /** Whether a holder of this role may send a message that requires {@code required}. */
    public boolean grants(Role required) {
        return this == ADMIN || this == required || required == VIEWER;
    }
}
