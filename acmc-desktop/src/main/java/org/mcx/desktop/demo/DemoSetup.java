package org.mcx.desktop.demo;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.Backend;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.MessageType;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;

/** What the demo sets up, as an administrator would through the console's own protocol. */
final class DemoSetup {
    static final String SAMPLE_USER_PASSWORD = "alice-password";

    record Prepared(String nodeSecret, String applicationId, String applicationSecret) {
        @Override
        public String toString() {
            return "Prepared[applicationId=" + applicationId + ", secrets=***]";
        }
    }

    private DemoSetup() {
    }

    /** A service node for the samples, the MC service user the application acts for, and the application. */
    static Prepared preparePrimary(Backend primary) throws Exception {
        try (ProtocolClient admin = admin(primary)) {
            Console.NodeCreated node = admin.call(MessageType.NODES_CREATE,
                    new Console.CreateNode("sample-services", Console.NodeKind.SERVICE));
            admin.call(MessageType.USERS_SAVE, new Console.SaveUser(DemoOptions.SAMPLE_USER, "Alice Martin",
                    List.<Role>of(), true, List.of(ServiceType.GM, ServiceType.MCPTT, ServiceType.CM), true,
                    SAMPLE_USER_PASSWORD));
            admin.call(MessageType.USERS_SAVE, new Console.SaveUser("bob", "Bob Dupont", List.<Role>of(), true,
                    List.of(ServiceType.MCPTT), true, "bob-password"));
            Console.ApplicationCreated app = admin.call(MessageType.APPLICATIONS_CREATE,
                    new Console.CreateApplication(DemoOptions.SAMPLE_APPLICATION, false));
            return new Prepared(node.secret(), app.applicationId(), app.secret());
        }
    }

    /** Each system the other's partner (one shared secret), and an approver on the partner side. */
    static void linkPartners(Backend primary, Backend partner) {
        String secret = DemoSystems.randomSecret();
        try (ProtocolClient a = admin(primary); ProtocolClient b = admin(partner)) {
            a.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(DemoOptions.PARTNER_ID, "Neighbouring county",
                    partner.url() + "/acms", secret, new Console.AutoApprove(false, 500)));
            b.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(DemoOptions.PRIMARY_ID, "Home county",
                    primary.url() + "/acms", secret, new Console.AutoApprove(false, 500)));
            b.call(MessageType.USERS_SAVE, new Console.SaveUser(DemoOptions.APPROVER, "Paula Approver",
                    List.of(Role.APPROVER), false, List.of(), false, DemoOptions.APPROVER_PASSWORD));
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException("linking the demo's partner systems", e);
        }
    }

    private static ProtocolClient admin(Backend b) throws Exception {
        ProtocolClient c = ProtocolClient.builder(URI.create(b.url()), Endpoint.ACMC)
                .authenticator(Authenticator.login(DemoOptions.ADMIN, DemoOptions.ADMIN_PASSWORD))
                .name("demo-setup").reconnect(ReconnectPolicy.disabled()).build();
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }
}
