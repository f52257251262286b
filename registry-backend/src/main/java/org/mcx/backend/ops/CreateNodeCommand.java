package org.mcx.backend.ops;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes a node (a service access server or an MC service server) on a running registry as an
 * ADMIN would in the console, and writes its secret into a file that only its owner can read:
 * what an operator scripts when installing access-server nodes, and what the installers' smoke
 * test uses. The secret is shown once and never printed.
 */
@Command(name = "create-node", mixinStandardHelpOptions = true,
        description = "Makes a node on a running registry (as an ADMIN) and writes its secret to a file.")
public final class CreateNodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleLogin login;

    @Option(names = "--node-id", required = true, description = "The new node's id, e.g. sas-dmz-1.")
    String nodeId;

    @Option(names = "--kind", defaultValue = "sas", description = "sas or service. Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--secret-file", required = true,
            description = "Where to write the node's secret (made with mode 0600; an existing file is not overwritten).")
    Path secretFile;

    @Override
    public Integer call() throws Exception {
        Console.NodeKind nodeKind = switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "sas" -> Console.NodeKind.SAS;
            case "service" -> Console.NodeKind.SERVICE;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--kind must be sas or service, not " + kind);
        };
        if (Files.exists(secretFile)) {
            spec.commandLine().getErr().println(secretFile + " exists: not overwritten (remove it to make another node)");
            return 1;
        }
        URI url = login.url;
        int timeoutSeconds = login.timeoutSeconds;
        try (ProtocolClient client = login.connect()) {
            Console.NodeCreated created = client.request(MessageType.NODES_CREATE, new Console.CreateNode(nodeId, nodeKind),
                    Console.NodeCreated.class).get(timeoutSeconds, TimeUnit.SECONDS);
            writeSecret(created.secret());
            login.logout(client);
            spec.commandLine().getOut().println("node " + created.nodeId() + " made; its secret is in " + secretFile);
            return 0;
        } catch (ExecutionException e) {
            spec.commandLine().getErr().println("making node " + nodeId + " on " + url + " failed: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            spec.commandLine().getErr().println("making node " + nodeId + " on " + url + " failed: no answer within "
                    + timeoutSeconds + " s");
            return 1;
        }
    }

    private void writeSecret(String secret) throws java.io.IOException {
        Path dir = secretFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(secretFile);
        }
        Files.writeString(secretFile, secret + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
