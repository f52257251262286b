package org.mcx.backend.csc15;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.message.Csc15.ApplicationGrants;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;

/** Where CSC-15 snapshots come from: grants, users' access, service pools and the token key. */
public interface GrantSource {
    List<ApplicationGrants> applications(Connection c) throws SQLException;

    List<UserAccess> users(Connection c) throws SQLException;

    /** Every pool of live service instances, for the service access server to forward to. */
    List<Csc15.ServicePool> services();

    /** One pool as it is now (after a registration, deregistration or expiry). */
    Csc15.ServicePool pool(ServiceType type, String serviceInterface);

    /** The registry's public key for user tokens (X.509, base64). */
    String tokenKey();
}
