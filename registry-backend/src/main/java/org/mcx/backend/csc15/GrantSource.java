package org.mcx.backend.csc15;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.mcx.protocol.message.Csc15.ApplicationGrants;
import org.mcx.protocol.model.UserAccess;

/** Where a CSC-15 snapshot comes from: every application's grants and every user's access. */
public interface GrantSource {
    List<ApplicationGrants> applications(Connection c) throws SQLException;

    List<UserAccess> users(Connection c) throws SQLException;
}
