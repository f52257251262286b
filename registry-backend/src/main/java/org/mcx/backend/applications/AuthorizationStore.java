package org.mcx.backend.applications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.protocol.message.Csc14.RequestType;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;

/** SQL for the authorizations table; the requested capabilities and profile are JSON. */
final class AuthorizationStore {
    private static final TypeReference<List<ServiceRef>> CAPABILITIES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    AuthorizationStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void insert(Connection c, StoredAuthorization a) throws SQLException {
        Sql.update(c, "INSERT INTO authorizations (authorization_id, application_id, mc_service_id, request_type,"
                        + " capabilities, status, requested_at, requested_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                a.authorizationId(), a.applicationId(), a.mcServiceId(), a.requestType(), json(a.capabilities()),
                a.status(), a.requestedAt(), a.requestedProfile() == null ? null : json(a.requestedProfile()));
    }

    /** Records a decision on the request (by a person, or {@code policy}). */
    void decide(Connection c, String authorizationId, String status, Instant at, String by, String reason)
            throws SQLException {
        Sql.update(c, "UPDATE authorizations SET status = ?, decided_at = ?, decided_by = ?, reason = ?"
                + " WHERE authorization_id = ?", status, at, by, reason, authorizationId);
    }

    Optional<StoredAuthorization> find(Connection c, String authorizationId) throws SQLException {
        return Sql.queryOne(c, "SELECT * FROM authorizations WHERE authorization_id = ?", this::row, authorizationId);
    }

    List<StoredAuthorization> pending(Connection c) throws SQLException {
        return Sql.query(c, "SELECT * FROM authorizations WHERE status = ? ORDER BY requested_at, authorization_id",
                this::row, StoredAuthorization.PENDING);
    }

    /** A pending request of the same application and user for the same services, if one waits already. */
    Optional<String> samePending(Connection c, String applicationId, String mcServiceId, RequestType type,
                                 List<ServiceRef> capabilities) throws SQLException {
        return Sql.queryOne(c, "SELECT authorization_id FROM authorizations WHERE application_id = ? AND status = ?"
                        + " AND mc_service_id = ? AND request_type = ? AND capabilities = ?", rs -> rs.getString(1),
                applicationId, StoredAuthorization.PENDING, mcServiceId, type, json(capabilities));
    }

    /** When the same question was last denied, and why. */
    record Denial(Instant at, String reason) {
    }

    /** The latest denial of the same question decided at or after {@code since}, if any. */
    Optional<Denial> sameDeniedSince(Connection c, String applicationId, String mcServiceId, RequestType type,
                                     List<ServiceRef> capabilities, Instant since) throws SQLException {
        return Sql.queryOne(c, "SELECT decided_at, reason FROM authorizations WHERE application_id = ? AND status = ?"
                        + " AND mc_service_id = ? AND request_type = ? AND capabilities = ? AND decided_at >= ?"
                        + " ORDER BY decided_at DESC LIMIT 1",
                rs -> new Denial(Sql.instant(rs, "decided_at"), rs.getString("reason")),
                applicationId, StoredAuthorization.DENIED, mcServiceId, type, json(capabilities), since);
    }

    private StoredAuthorization row(ResultSet rs) throws SQLException {
        String requested = rs.getString("requested_profile");
        try {
            return new StoredAuthorization(rs.getString("authorization_id"), rs.getString("application_id"),
                    rs.getString("mc_service_id"), RequestType.valueOf(rs.getString("request_type")),
                    mapper.readValue(rs.getString("capabilities"), CAPABILITIES), rs.getString("status"),
                    Sql.instant(rs, "requested_at"),
                    requested == null ? null : mapper.readValue(requested, ApplicationProfile.class));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored authorization request is not readable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode an authorization request", e);
        }
    }
}
