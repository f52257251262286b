package org.mcx.backend.applications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;

/**
 * SQL for application profiles: the current ones ({@code profiles}) and every saved version
 * ({@code profile_versions}). A profile is stored as its JSON document without
 * {@code serviceLocation}; that is filled in on every read (see {@link ProfileLocations}), so the
 * service access server's address is the deployment's current one, never a stale copy.
 */
final class ProfileStore {
    private final ObjectMapper mapper;
    private final Function<String, ServiceLocation> locate;

    ProfileStore(ObjectMapper mapper, Function<String, ServiceLocation> locate) {
        this.mapper = mapper;
        this.locate = locate;
    }

    Optional<ApplicationProfile> find(Connection c, String applicationProfileId) throws SQLException {
        return Sql.queryOne(c, "SELECT document FROM profiles WHERE application_profile_id = ?",
                rs -> read(rs.getString(1)), applicationProfileId);
    }

    /** The application's profile for one service, if it has one. */
    Optional<ApplicationProfile> findService(Connection c, String applicationId, ServiceRef service)
            throws SQLException {
        return Sql.queryOne(c, "SELECT document FROM profiles WHERE application_id = ? AND service_type = ?"
                        + " AND service_interface = ?", rs -> read(rs.getString(1)),
                applicationId, service.serviceType(), service.serviceInterface());
    }

    List<ApplicationProfile> ofApplication(Connection c, String applicationId) throws SQLException {
        return Sql.query(c, "SELECT document FROM profiles WHERE application_id = ? ORDER BY application_profile_id",
                rs -> read(rs.getString(1)), applicationId);
    }

    List<ApplicationProfile> all(Connection c) throws SQLException {
        return Sql.query(c, "SELECT document FROM profiles ORDER BY application_id, application_profile_id",
                rs -> read(rs.getString(1)));
    }

    void insert(Connection c, ApplicationProfile p) throws SQLException {
        Sql.update(c, "INSERT INTO profiles (application_profile_id, application_id, document, version, service_type,"
                        + " service_interface) VALUES (?, ?, ?, ?, ?, ?)", p.applicationProfileId(), p.applicationId(),
                write(p), p.version(), p.authorizedService().serviceType(),
                p.authorizedService().serviceInterface());
        recordVersion(c, p, false);
    }

    /** Replaces the stored profile, which must still be at {@code expectedVersion}. */
    void update(Connection c, ApplicationProfile p, long expectedVersion) throws SQLException {
        int n = Sql.update(c, "UPDATE profiles SET document = ?, version = ?, service_type = ?, service_interface = ?"
                        + " WHERE application_profile_id = ? AND version = ?", write(p), p.version(),
                p.authorizedService().serviceType(), p.authorizedService().serviceInterface(),
                p.applicationProfileId(), expectedVersion);
        if (n != 1) {
            throw changedMeanwhile(p.applicationProfileId(), expectedVersion);
        }
        recordVersion(c, p, false);
    }

    /**
     * Deletes the profile, which must still be at the version before {@code tombstone}'s; the
     * tombstone (the last document, version + 1) is kept in its history.
     */
    void delete(Connection c, ApplicationProfile tombstone) throws SQLException {
        long expectedVersion = tombstone.version() - 1;
        int n = Sql.update(c, "DELETE FROM profiles WHERE application_profile_id = ? AND version = ?",
                tombstone.applicationProfileId(), expectedVersion);
        if (n != 1) {
            throw changedMeanwhile(tombstone.applicationProfileId(), expectedVersion);
        }
        recordVersion(c, tombstone, true);
    }

    /**
     * The caller read the profile at {@code expectedVersion} in this transaction, but another node on
     * the same database changed or deleted it before this write (read committed: the read took no
     * lock). The same answer as a stale {@code expectedVersion}.
     */
    private static ProtocolException changedMeanwhile(String applicationProfileId, long expectedVersion) {
        return ProtocolException.conflict("application profile " + applicationProfileId
                + " was changed by another node after version " + expectedVersion + "; reload it and try again");
    }

    /**
     * The application's profiles and whether it is in a trusted domain, in one round trip; empty
     * when the application does not exist.
     */
    Optional<OfApplication> ofApplicationWithTrust(Connection c, String applicationId) throws SQLException {
        List<Object[]> rows = Sql.query(c, "SELECT a.trusted_domain, p.document FROM applications a"
                        + " LEFT JOIN profiles p ON p.application_id = a.application_id"
                        + " WHERE a.application_id = ? ORDER BY p.application_profile_id",
                rs -> new Object[] {rs.getBoolean(1), rs.getString(2)}, applicationId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<ApplicationProfile> profiles = new java.util.ArrayList<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                profiles.add(read((String) row[1]));
            }
        }
        return Optional.of(new OfApplication((Boolean) rows.get(0)[0], List.copyOf(profiles)));
    }

    record OfApplication(boolean trustedDomain, List<ApplicationProfile> profiles) {
    }

    /** Every saved version, newest first; the deletion tombstone is left out (the audit log has it). */
    List<ApplicationProfile> history(Connection c, String applicationProfileId) throws SQLException {
        return Sql.query(c, "SELECT document FROM profile_versions WHERE application_profile_id = ? AND deleted = FALSE"
                + " ORDER BY version DESC", rs -> read(rs.getString(1)), applicationProfileId);
    }

    /** Whether the id ever named a profile (deleted ones included). */
    boolean everExisted(Connection c, String applicationProfileId) throws SQLException {
        return Sql.queryLong(c, "SELECT COUNT(*) FROM profile_versions WHERE application_profile_id = ?",
                applicationProfileId) > 0;
    }

    private void recordVersion(Connection c, ApplicationProfile p, boolean deleted) throws SQLException {
        Sql.update(c, "INSERT INTO profile_versions (application_profile_id, version, document, deleted)"
                + " VALUES (?, ?, ?, ?)", p.applicationProfileId(), p.version(), write(p), deleted);
    }

    private String write(ApplicationProfile p) {
        try {
            return mapper.writeValueAsString(Profiles.withLocation(p, null));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode application profile " + p.applicationProfileId(), e);
        }
    }

    private ApplicationProfile read(String document) {
        try {
            ApplicationProfile p = mapper.readValue(document, ApplicationProfile.class);
            return Profiles.withLocation(p, locate.apply(p.applicationProfileId()));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored application profile is not readable", e);
        }
    }
}
