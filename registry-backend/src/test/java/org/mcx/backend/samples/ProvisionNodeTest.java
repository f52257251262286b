package org.mcx.backend.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mcx.backend.samples.SampleFixture.await;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.identity.IdentityModule;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Console.NodeKind;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/** IdentityModule.provisionNode: the backend gives its own sample services a node, and a new secret each time. */
class ProvisionNodeTest {
    @TempDir
    Path dir;
    SampleFixture f;
    IdentityModule identity;

    @BeforeEach
    void start() throws Exception {
        f = SampleFixture.start(dir);
        identity = f.backend().backend().identity();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ProtocolClient node(String nodeId, String secret, BlockingQueue<LinkStatus> states) {
        ProtocolClient client = ProtocolClient.builder(f.backend().base(), Endpoint.REGISTRATION)
                .authenticator(Authenticator.node(nodeId, secret)).reconnect(ReconnectPolicy.disabled())
                .onState(states::add).build();
        return f.own(client);
    }

    @Test
    void createsAServiceNodeWhoseSecretAuthenticates() throws Exception {
        String secret = await(identity.provisionNode("samples", NodeKind.SERVICE));

        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        await(node("samples", secret, new LinkedBlockingQueue<>()).connect());
        Console.Nodes nodes = f.call(MessageType.NODES_LIST, new org.mcx.protocol.message.Common.Empty());
        assertThat(nodes.nodes()).extracting(Console.Node::nodeId, Console.Node::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("samples", NodeKind.SERVICE));
    }

    @Test
    void provisioningAgainReplacesTheSecretAndEndsConnectionsMadeWithTheOldOne() throws Exception {
        String old = await(identity.provisionNode("samples", NodeKind.SERVICE));
        BlockingQueue<LinkStatus> states = new LinkedBlockingQueue<>();
        await(node("samples", old, states).connect());

        String renewed = await(identity.provisionNode("samples", NodeKind.SERVICE));

        assertThat(renewed).isNotEqualTo(old);
        LinkStatus closed = nextState(states, LinkState.CLOSED);
        assertThat(closed.closeCode()).isEqualTo(4403);
        Throwable refused = catchThrowable(() -> await(node("samples", old, new LinkedBlockingQueue<>()).connect()));
        assertThat(refused).isInstanceOf(RemoteException.class);
        assertThat(((RemoteException) refused).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        await(node("samples", renewed, new LinkedBlockingQueue<>()).connect());
    }

    @Test
    void provisioningIsAuditedAsTheSystemWithoutTheSecret() throws Exception {
        String first = await(identity.provisionNode("samples", NodeKind.SERVICE));
        String second = await(identity.provisionNode("samples", NodeKind.SERVICE));

        Console.AuditEntries audit = f.call(MessageType.AUDIT_LIST, new Console.ListAudit(null, 100));
        List<Console.AuditEntry> entries = audit.entries().stream()
                .filter(e -> e.action().equals("nodes.provision")).toList();
        assertThat(entries).hasSize(2).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.target()).isEqualTo("samples");
            assertThat(e.outcome()).isEqualTo("ok");
        });
        assertThat(entries.get(0).detail().path("created").asBoolean()).isTrue();
        assertThat(entries.get(1).detail().path("created").asBoolean()).isFalse();
        assertThat(audit.toString()).doesNotContain(first).doesNotContain(second);
    }

    @Test
    void aNodeOfTheOtherKindIsNotTurnedIntoThisOne() throws Exception {
        f.call(MessageType.NODES_CREATE, new Console.CreateNode("sas-1", NodeKind.SAS));

        Throwable refused = catchThrowable(() -> await(identity.provisionNode("sas-1", NodeKind.SERVICE)));

        assertThat(refused).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) refused).code()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void aBadNodeIdIsRefused() {
        Throwable refused = catchThrowable(() -> await(identity.provisionNode("no spaces allowed", NodeKind.SERVICE)));

        assertThat(refused).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) refused).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    private static LinkStatus nextState(BlockingQueue<LinkStatus> states, LinkState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + SampleFixture.WAIT.toNanos();
        while (true) {
            LinkStatus s = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(s).as("a %s state within %s", wanted, SampleFixture.WAIT).isNotNull();
            if (s.state() == wanted) {
                return s;
            }
        }
    }
}
