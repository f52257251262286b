package org.mcx.desktop.nodes;

import java.util.concurrent.CompletableFuture;
import org.mcx.desktop.common.Commands;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** Service and SAS nodes: list, create (the secret is shown once), delete. */
public final class NodesViewModel {
    private final LiveList<Console.Node> nodes;
    private final Commands commands;

    public NodesViewModel(ViewContext ctx) {
        // Node connections publish no event of their own; service events come with them.
        nodes = new LiveList<Console.Node>(ctx.tasks(), ctx.errors(), "nodes",
                () -> ctx.session().<Console.Nodes>request(MessageType.NODES_LIST, new Common.Empty())
                        .thenApply(Console.Nodes::nodes))
                .follow(ctx.session(), "service.registered", "service.deregistered");
        commands = new Commands(ctx);
    }

    public CompletableFuture<Console.NodeCreated> create(String nodeId, Console.NodeKind kind) {
        return commands.<Console.NodeCreated>send(MessageType.NODES_CREATE, new Console.CreateNode(nodeId, kind),
                "nodes.created", nodeId).whenComplete((n, f) -> nodes.reload());
    }

    public CompletableFuture<Common.Empty> delete(String nodeId) {
        return commands.<Common.Empty>send(MessageType.NODES_DELETE, new Console.DeleteNode(nodeId), "nodes.deleted", nodeId)
                .whenComplete((n, f) -> nodes.reload());
    }

    public LiveList<Console.Node> nodes() {
        return nodes;
    }

    public Commands commands() {
        return commands;
    }
}
