package org.mcx.backend.acms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange.Step;

/** SQL for {@code acms_requests} and {@code acms_steps}; knows no kind of exchange. */
public final class RequestTable {
    private final ObjectMapper json;

    public RequestTable(ObjectMapper json) {
        this.json = json;
    }

    public void insert(Connection c, StoredRequest r) throws SQLException {
        Sql.update(c, "INSERT INTO acms_requests (request_id, kind, direction, partner_system_id, requested_by, content,"
                        + " status, created_at, updated_at, urgency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.requestId(), r.kind(), r.direction(), r.partnerSystemId(), r.requestedBy(), r.content().toString(),
                r.status(), r.createdAt(), r.createdAt(), r.urgency());
    }

    public Optional<StoredRequest> find(Connection c, String requestId) throws SQLException {
        return Sql.queryOne(c, "SELECT * FROM acms_requests WHERE request_id = ?", this::row, requestId);
    }

    public void setStatus(Connection c, String requestId, Status status, String reason) throws SQLException {
        Sql.update(c, "UPDATE acms_requests SET status = ?, reason = COALESCE(?, reason), updated_at = ?"
                + " WHERE request_id = ?", status, reason, Instant.now(), requestId);
    }

    public void setResponse(Connection c, String requestId, JsonNode response, Instant at) throws SQLException {
        Sql.update(c, "UPDATE acms_requests SET response = ?, response_at = ?, updated_at = ? WHERE request_id = ?",
                response.toString(), at, at, requestId);
    }

    /** Requests, oldest first, optionally of one direction and status. */
    public List<StoredRequest> list(Connection c, Direction direction, Status status, int limit) throws SQLException {
        return list(c, direction, status, null, false, limit);
    }

    /**
     * Requests, optionally of one direction, status and kind; oldest first, or with {@code urgentFirst}
     * the urgent ones first, each group oldest first.
     */
    public List<StoredRequest> list(Connection c, Direction direction, Status status, String kind, boolean urgentFirst,
                                    int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM acms_requests WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind);
        }
        if (direction != null) {
            sql.append(" AND direction = ?");
            args.add(direction);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        sql.append(urgentFirst ? " ORDER BY CASE WHEN urgency = 'URGENT' THEN 0 ELSE 1 END, created_at, request_id LIMIT ?"
                : " ORDER BY created_at, request_id LIMIT ?");
        args.add(limit);
        return Sql.query(c, sql.toString(), this::row, args.toArray());
    }

    /** Records a step once: the same step reaching the same status again (a repeated message) is a no-op. */
    public boolean step(Connection c, String requestId, int step, Status status, String actor) throws SQLException {
        return Sql.update(c, "INSERT INTO acms_steps (request_id, step, status, at, actor) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", requestId, step, status, Instant.now(), actor) > 0;
    }

    /**
     * The step histories of the given requests in the figure's order. Each step carries its own time:
     * a stored indication that was lost and re-sent may be recorded after the response (step 5 after 14).
     */
    public Map<String, List<Step>> steps(Connection c, List<String> requestIds) throws SQLException {
        Map<String, List<Step>> out = new LinkedHashMap<>();
        for (String id : requestIds) {
            out.put(id, Sql.query(c, "SELECT * FROM acms_steps WHERE request_id = ? ORDER BY step, at",
                    rs -> new Step(rs.getInt("step"), Status.valueOf(rs.getString("status")), Sql.instant(rs, "at"),
                            rs.getString("actor")), id));
        }
        return out;
    }

    private StoredRequest row(ResultSet rs) throws SQLException {
        String response = rs.getString("response");
        return new StoredRequest(rs.getString("request_id"), rs.getString("kind"),
                Direction.valueOf(rs.getString("direction")), rs.getString("partner_system_id"),
                rs.getString("requested_by"), parse(rs.getString("content")), Status.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at"), response == null ? null : parse(response), Sql.instant(rs, "response_at"),
                rs.getString("reason"), rs.getString("urgency") == null ? null
                        : Acm.Urgency.valueOf(rs.getString("urgency")));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored exchange document is not JSON", e);
        }
    }
}
