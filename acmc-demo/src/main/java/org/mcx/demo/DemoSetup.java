package org.mcx.demo;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.Backend;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** What the demo sets up, as an administrator would through the console's own protocol. */
final class DemoSetup {
    static final String SAMPLE_USER_PASSWORD = "alice-password";
    /** The partner's group shared with the primary, which the guide's migration step names. */
    static final String PARTNER_GROUP = "fire-east";

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
                    SAMPLE_USER_PASSWORD, Priority.EMERGENCY)); // a dispatcher: her emergencies are not lowered
            admin.call(MessageType.USERS_SAVE, new Console.SaveUser("bob", "Bob Dupont", List.<Role>of(), true,
                    List.of(ServiceType.MCPTT), true, "bob-password"));
            // Both may migrate (the guide sends one to the partner); their own group, told to the partner.
            admin.call(MessageType.GROUPS_SAVE, new Console.Group("fire-brigade", "Fire brigade",
                    List.of(DemoOptions.SAMPLE_USER, "bob"), List.of(DemoOptions.PARTNER_ID), false));
            Console.ApplicationCreated app = admin.call(MessageType.APPLICATIONS_CREATE,
                    new Console.CreateApplication(DemoOptions.SAMPLE_APPLICATION, false));
            return new Prepared(node.secret(), app.applicationId(), app.secret());
        }
    }

    /**
     * Each system the other's partner (one shared secret), an approver on the partner side, and a
     * group there shared with the primary.
     */
    static void linkPartners(Backend primary, Backend partner) {
        String secret = DemoSystems.randomSecret();
        try (ProtocolClient a = admin(primary); ProtocolClient b = admin(partner)) {
            a.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(DemoOptions.PARTNER_ID, "Neighbouring county",
                    partner.url() + "/acms", secret, new Console.AutoApprove(false, 500)));
            b.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(DemoOptions.PRIMARY_ID, "Home county",
                    primary.url() + "/acms", secret, new Console.AutoApprove(false, 500)));
            b.call(MessageType.USERS_SAVE, new Console.SaveUser(DemoOptions.APPROVER, "Paula Approver",
                    List.of(Role.APPROVER), false, List.of(), false, DemoOptions.APPROVER_PASSWORD));
            // The partner's group shared with the primary: a user sent for migration naming it joins it there.
            b.call(MessageType.GROUPS_SAVE, new Console.Group(PARTNER_GROUP, "Fire East (neighbouring county)",
                    List.of(DemoOptions.APPROVER), List.of(DemoOptions.PRIMARY_ID), true));
            b.call(MessageType.SERVER_IDENTITIES_SAVE, serverIdentities("county-b.example"));
            a.call(MessageType.SERVER_IDENTITIES_SAVE, serverIdentities("county-a.example"));
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException("linking the demo's partner systems", e);
        }
    }

    /**
     * What a system tells partners about its servers: one of each kind, and the fire brigade's
     * users on their own MCPTT server (a group override), so an answer shows both.
     */
    static Exchange.ServerIdentities serverIdentities(String domain) {
        List<ServerIdentity> defaults = List.of(
                new ServerIdentity(ServerType.MCPTT, "sip:mcptt@" + domain),
                new ServerIdentity(ServerType.MCVIDEO, "sip:mcvideo@" + domain),
                new ServerIdentity(ServerType.MCDATA, "sip:mcdata@" + domain),
                new ServerIdentity(ServerType.GMS, "https://gms." + domain + "/gm"),
                new ServerIdentity(ServerType.CMS, "https://cms." + domain + "/cm"),
                new ServerIdentity(ServerType.IDMS, "https://idms." + domain + "/idm"),
                new ServerIdentity(ServerType.KMS, "https://kms." + domain + "/km"));
        return new Exchange.ServerIdentities(defaults, List.of(), List.of(new Exchange.GroupOverrides("fire-brigade",
                List.of(DemoOptions.SAMPLE_USER, "bob"),
                List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-fire@" + domain)))));
    }

    private static ProtocolClient admin(Backend b) throws Exception {
        ProtocolClient c = ProtocolClient.builder(URI.create(b.url()), Endpoint.ACMC)
                .authenticator(Authenticator.login(DemoOptions.ADMIN, DemoOptions.ADMIN_PASSWORD))
                .name("demo-setup").reconnect(ReconnectPolicy.disabled()).build();
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }
}
