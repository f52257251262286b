package org.mcx.backend.identity;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.events.PublishedEvent;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.PeerSession;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console.NodeKind;
import org.mcx.protocol.message.Console;

/**
 * Nodes are service access servers (/csc15) and MC service servers (/registration); each gets a
 * secret once, at creation, and authenticates with it.
 */
final class NodeAdmin {
    private final SystemContext ctx;
    private final Map<String, Set<PeerSession>> connections = new ConcurrentHashMap<>();

    static final String CLOSE_NODE = EventLog.INTERNAL + "closeNode";

    NodeAdmin(SystemContext ctx) {
        this.ctx = ctx;
        ctx.events().bus().subscribe(this::onEvent);
    }

    CompletableFuture<Console.NodeCreated> create(Call<Console.CreateNode> call) {
        String secret = Tokens.newToken();
        return ctx.db().write(tx -> {
            if (Sql.queryLong(tx.connection(), "SELECT COUNT(*) FROM nodes WHERE node_id = ?", call.body().nodeId()) > 0) {
                throw ProtocolException.conflict("node " + call.body().nodeId() + " exists");
            }
            Sql.update(tx.connection(), "INSERT INTO nodes (node_id, kind, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                    call.body().nodeId(), call.body().kind(), Tokens.hash(secret), Instant.now());
            ctx.audit().record(tx, call.actor(), "nodes.create", call.body().nodeId(), AuditLog.ALLOWED,
                    ctx.audit().detail().put("kind", call.body().kind().name()));
            return new Console.NodeCreated(call.body().nodeId(), secret);
        });
    }

    /**
     * Creates the node, or gives the existing one a new secret, so the backend can run its own
     * sample services without an administrator. The previous secret is refused from now on, and
     * connections it opened are closed, as on delete. A node of the other kind is not converted:
     * that would hand a /csc15 identity to a /registration peer or the reverse.
     */
    CompletableFuture<String> provision(String nodeId, NodeKind kind) {
        try {
            new Console.CreateNode(nodeId, kind); // the same id and kind rules as nodes.create
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
        String secret = Tokens.newToken();
        return ctx.db().write(tx -> {
            Optional<String> existing = Sql.queryOne(tx.connection(), "SELECT kind FROM nodes WHERE node_id = ?",
                    rs -> rs.getString(1), nodeId);
            if (existing.isPresent() && NodeKind.valueOf(existing.get()) != kind) {
                throw ProtocolException.conflict("node " + nodeId + " exists with kind " + existing.get());
            }
            if (existing.isPresent()) {
                Sql.update(tx.connection(), "UPDATE nodes SET secret_hash = ? WHERE node_id = ?", Tokens.hash(secret), nodeId);
                closeEverywhere(tx, nodeId, "this node's secret was replaced");
            } else {
                Sql.update(tx.connection(), "INSERT INTO nodes (node_id, kind, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                        nodeId, kind, Tokens.hash(secret), Instant.now());
            }
            ctx.audit().record(tx, "system", "nodes.provision", nodeId, AuditLog.ALLOWED,
                    ctx.audit().detail().put("kind", kind.name()).put("created", existing.isEmpty()));
            return secret;
        });
    }

    CompletableFuture<Console.Nodes> list(Call<Common.Empty> call) {
        return ctx.db().read(c -> new Console.Nodes(Sql.query(c, "SELECT * FROM nodes ORDER BY node_id", rs ->
                new Console.Node(rs.getString("node_id"), NodeKind.valueOf(rs.getString("kind")),
                        Sql.instant(rs, "created_at"), !connections.getOrDefault(rs.getString("node_id"), Set.of()).isEmpty()))));
    }

    /** {@code auth.node}: a service access server on /csc15, an MC service server on /registration. */
    CompletableFuture<Auth.NodeSession> authenticate(Call<Auth.NodeLogin> call) {
        NodeKind expected = call.session().endpoint() == Endpoint.CSC15 ? NodeKind.SAS : NodeKind.SERVICE;
        String presented = Tokens.hash(call.body().secret());
        return ctx.db().read(c -> Sql.queryOne(c, "SELECT kind, secret_hash FROM nodes WHERE node_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, call.body().nodeId())).thenApply(row -> {
            boolean ok = row.isPresent() && Tokens.sameHash(row.get()[1], presented)
                    && NodeKind.valueOf(row.get()[0]) == expected;
            if (!ok) {
                throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "unknown node, wrong secret or wrong path for this node");
            }
            PeerSession session = call.session();
            session.authenticate(new Principal.Node(call.body().nodeId(), expected));
            Set<PeerSession> sessions = connections.computeIfAbsent(call.body().nodeId(), k -> ConcurrentHashMap.newKeySet());
            sessions.add(session);
            session.onClose(() -> sessions.remove(session));
            return new Auth.NodeSession(call.body().nodeId());
        });
    }

    /** Removes a node: its secret stops working and its open connections close at once. */
    CompletableFuture<Common.Empty> delete(Call<Console.DeleteNode> call) {
        String nodeId = call.body().nodeId();
        return ctx.db().write(tx -> {
            if (Sql.update(tx.connection(), "DELETE FROM nodes WHERE node_id = ?", nodeId) == 0) {
                throw ProtocolException.notFound("node " + nodeId);
            }
            ctx.audit().record(tx, call.actor(), "nodes.delete", nodeId, AuditLog.ALLOWED, null);
            closeEverywhere(tx, nodeId, "this node was removed");
            return new Common.Empty();
        });
    }

    /** The node's connections close on every backend node once this commits (each hears of it from the log). */
    private void closeEverywhere(Tx tx, String nodeId, String reason) throws SQLException {
        ctx.events().append(tx, CLOSE_NODE, ctx.events().data().put("nodeId", nodeId).put("reason", reason));
    }

    private void onEvent(PublishedEvent published) {
        Common.Event e = published.event();
        if (e.topic().equals(CLOSE_NODE) && e.data() != null) {
            String reason = e.data().path("reason").asText();
            connections.getOrDefault(e.data().path("nodeId").asText(), Set.of()).forEach(s -> s.close(4403, reason));
        }
    }
}
