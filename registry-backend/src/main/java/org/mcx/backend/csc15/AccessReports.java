package org.mcx.backend.csc15;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc15;

/**
 * What service access servers report: their refusals become {@code access.denied} events and audit
 * entries (one per kind per report, so a flood arrives already counted), and their counters are
 * kept for the console's {@code access.stats}.
 */
final class AccessReports {
    private record Latest(Instant at, Csc15.AccessStats stats) {
    }

    private final SystemContext ctx;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final Map<String, Integer> connected = new ConcurrentHashMap<>();

    AccessReports(SystemContext ctx) {
        this.ctx = ctx;
    }

    void nodeConnected(Call<?> call) {
        String nodeId = call.principal(Principal.Node.class).nodeId();
        connected.merge(nodeId, 1, Integer::sum);
        call.session().onClose(() -> connected.merge(nodeId, -1, Integer::sum));
    }

    CompletableFuture<Common.Empty> report(Call<Csc15.Report> call) {
        String nodeId = call.principal(Principal.Node.class).nodeId();
        latest.put(nodeId, new Latest(Instant.now(), call.body().stats()));
        if (call.body().denials().isEmpty()) {
            return CompletableFuture.completedFuture(new Common.Empty());
        }
        return ctx.db().write(tx -> {
            for (Csc15.Denial d : call.body().denials()) {
                var data = ctx.events().data().put("nodeId", nodeId).put("reason", d.reason()).put("count", d.count())
                        .put("firstAt", String.valueOf(d.firstAt())).put("lastAt", String.valueOf(d.lastAt()));
                putIfPresent(data, "applicationId", d.applicationId());
                putIfPresent(data, "mcServiceId", d.mcServiceId());
                putIfPresent(data, "applicationProfileId", d.applicationProfileId());
                ctx.events().append(tx, "access.denied", data);
                ctx.audit().record(tx, d.applicationId() == null ? "unknown client" : "application:" + d.applicationId(),
                        "access.denied", d.applicationProfileId(), AuditLog.DENIED, data.deepCopy());
            }
            return new Common.Empty();
        });
    }

    CompletableFuture<Console.AccessNodes> stats(Call<Common.Empty> call) {
        List<Console.AccessNode> nodes = new ArrayList<>();
        latest.forEach((nodeId, l) -> nodes.add(new Console.AccessNode(nodeId,
                connected.getOrDefault(nodeId, 0) > 0, l.at(), l.stats())));
        nodes.sort(java.util.Comparator.comparing(Console.AccessNode::nodeId));
        return CompletableFuture.completedFuture(new Console.AccessNodes(nodes));
    }

    private static void putIfPresent(com.fasterxml.jackson.databind.node.ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }
}
