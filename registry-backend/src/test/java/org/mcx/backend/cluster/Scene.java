package org.mcx.backend.cluster;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * What the kill test and the failover benchmark find in the system before a node is killed: a
 * trusted application ("Board") whose users reach the GM service through the service access
 * servers, another ("Field") whose MCPTT profile the load keeps changing, the GM service itself,
 * and the clients that make changes and issue tokens.
 */
final class Scene implements AutoCloseable {
    static final ServiceRef MCPTT = new ServiceRef(ServiceType.MCPTT, "MCPTT-1");
    static final String USER_PASSWORD = "user-password-1";

    private final Cluster cluster;
    private final Map<Integer, ProtocolClient> admins = new ConcurrentHashMap<>();
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
    final Console.ApplicationCreated board;
    final Console.ApplicationCreated field;
    /** The Board application's GM profile: its users' requests go to {@code /services/<this>/...}. */
    final String routeProfileId;
    /** The Field application's MCPTT profile, which the profile writer keeps changing. */
    final String fieldProfileId;
    final GmService gm;
    private final ProtocolClient boardSession;

    private Scene(Cluster cluster, int via) throws Exception {
        this.cluster = cluster;
        ProtocolClient admin = admin(via);
        board = admin.call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Board", true),
                Console.ApplicationCreated.class);
        field = admin.call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Field", false),
                Console.ApplicationCreated.class);
        fieldProfileId = admin.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(null, null,
                field.applicationId(), MCPTT, null, null, null, null, null), 0L), Console.ProfileSaved.class)
                .applicationProfile().applicationProfileId();
        String gmSecret = admin.call(MessageType.NODES_CREATE, new Console.CreateNode("gm-node", Console.NodeKind.SERVICE),
                Console.NodeCreated.class).secret();
        gm = own(new GmService("gm-node", gmSecret));
        // Once, starting on node 0 (the one the kill test kills): its lease is a row every node routes by.
        gm.register(cluster.startingAt(0));
        boardSession = own(ProtocolClient.builder(cluster.startingAt(via), Endpoint.CSC14).name("board")
                .authenticator(Authenticator.application(board.applicationId(), board.secret()))
                // Its profile changes as users are authorized; it takes note, as an application must.
                .handle(MessageType.NOTIFY_APPLICATION_PROFILE, Csc14.NotifyApplicationProfile.class,
                        n -> Common.ResultBody.success())
                .build());
        boardSession.connect().get(30, TimeUnit.SECONDS);
        // The application's first authorization for GM makes its GM profile; later ones reuse it.
        saveUser(via, "board-owner", true);
        routeProfileId = authorize("board-owner");
    }

    /** Puts the scene into the system through node {@code via}. */
    static Scene build(Cluster cluster, int via) throws Exception {
        return new Scene(cluster, via);
    }

    /** The administrator on node {@code node} alone: changes made "through that node". */
    ProtocolClient admin(int node) throws Exception {
        ProtocolClient existing = admins.get(node);
        if (existing != null && existing.isConnected()) {
            return existing;
        }
        ProtocolClient c = own(ProtocolClient.builder(cluster.base(node), Endpoint.ACMC).name("admin-on-" + node)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .reconnect(ReconnectPolicy.disabled()).build());
        c.connect().get(30, TimeUnit.SECONDS);
        admins.put(node, c);
        return c;
    }

    /** The administrator through the client library given every node in this order, as a console runs. */
    ProtocolClient adminOn(String name, List<URI> nodes) throws Exception {
        ProtocolClient c = own(ProtocolClient.builder(nodes, Endpoint.ACMC).name(name)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)).build());
        c.connect().get(30, TimeUnit.SECONDS);
        return c;
    }

    /** A service access server node's identity; its secret. */
    String sasSecret(String nodeId) throws Exception {
        return admin(any()).call(MessageType.NODES_CREATE, new Console.CreateNode(nodeId, Console.NodeKind.SAS),
                Console.NodeCreated.class).secret();
    }

    /**
     * A user who may reach the GM service from outside, authorized for the Board application;
     * returns a token the application obtained for them, which the service access servers honour.
     */
    String allowedUser(String mcServiceId) throws Exception {
        saveUser(any(), mcServiceId, true);
        authorize(mcServiceId);
        return boardSession.call(MessageType.AUTH_USER, new Auth.UserLogin(mcServiceId, USER_PASSWORD),
                Auth.UserToken.class).userToken();
    }

    /** Takes the user's external access away, through node {@code via}: a revocation every SAS must enforce. */
    void revoke(int via, String mcServiceId) throws Exception {
        saveUser(via, mcServiceId, false);
    }

    private void saveUser(int via, String mcServiceId, boolean externalAccess) throws Exception {
        admin(via).call(MessageType.USERS_SAVE, new Console.SaveUser(mcServiceId, "User " + mcServiceId, List.of(),
                externalAccess, List.of(ServiceType.GM), true, USER_PASSWORD, Priority.NORMAL), Console.User.class);
    }

    /** Authorizes the Board application for the GM service on behalf of the user; its GM profile's id. */
    private String authorize(String mcServiceId) throws Exception {
        Csc14.AuthorizationResult r = boardSession.call(MessageType.UPDATE_AUTHORIZATION,
                new Csc14.UpdateAuthorization(mcServiceId, Csc14.RequestType.AUTHORIZE, List.of(GmService.SERVICE), null),
                Csc14.AuthorizationResult.class);
        if (r.result() != Common.Result.SUCCESS) {
            throw new IllegalStateException("Board was not authorized for " + mcServiceId + ": " + r);
        }
        return r.applicationProfiles().get(0).applicationProfileId();
    }

    /** A node that answers now (the admin clients there are connected). */
    private int any() {
        return admins.entrySet().stream().filter(e -> e.getValue().isConnected()).map(Map.Entry::getKey).findFirst()
                .orElse(0);
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }
}
