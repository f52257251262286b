package org.mcx.backend.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * Partner system B of the kill test: a backend of its own on a database of its own, in this JVM
 * (it is never killed, so it needs no process of its own), which system A reaches through a
 * {@link HoldingProxy}. B's requests are decided by a person, its approver (nothing is answered by
 * policy), so that A's requests can be held at B across the kill. B's administrator keeps every
 * event B publishes, with when it was handed over.
 */
final class PartnerSystem implements AutoCloseable {
    static final String ID = "partner-b";
    static final String SECRET = "pair-secret-0123456789";
    static final String APPROVER = "vera";
    /** What B tells A of its servers for every user. */
    static final ServerIdentity MCPTT = new ServerIdentity(ServerType.MCPTT, "sip:mcptt@partner-b.example");

    /** An event B published, as handed to its administrator at {@code atNanos}. */
    record Received(Common.Event event, long atNanos) {
    }

    private final Path dataDir;
    private final BackendFixture backend;
    private final HoldingProxy wire;
    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final ProtocolClient admin;
    private PartnerApprover approver;

    private PartnerSystem(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        this.backend = BackendFixture.start(dataDir, ID, c -> c);
        this.wire = HoldingProxy.to(backend.port());
        this.admin = ProtocolClient.builder(backend.base(), Endpoint.ACMC).name("admin-of-b")
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .onEvent(e -> events.add(new Received(e, System.nanoTime())))
                .build();
    }

    /** B up, its approver and its server identities made, its administrator following every event. */
    static PartnerSystem start(Path dataDir) throws Exception {
        PartnerSystem b = new PartnerSystem(dataDir);
        try {
            b.admin.connect().get(30, TimeUnit.SECONDS);
            b.admin.subscribe(List.of(""), 0L).get(30, TimeUnit.SECONDS);
            b.admin.call(MessageType.USERS_SAVE, new Console.SaveUser(APPROVER, "Vera", List.of(Role.APPROVER), false,
                    List.of(), false, Scene.USER_PASSWORD), Console.User.class);
            b.admin.call(MessageType.SERVER_IDENTITIES_SAVE, new Exchange.ServerIdentities(List.of(MCPTT), List.of()),
                    Exchange.ServerIdentities.class);
        } catch (Exception e) {
            b.close();
            throw e;
        }
        return b;
    }

    /**
     * B's side of the pair: A, reached at each of {@code aNodes} (one endpoint per node, separated by
     * commas: {@code partners.save}), in that order; B's link moves to the next when its node dies.
     */
    void trust(List<URI> aNodes) throws Exception {
        String endpoints = aNodes.stream().map(node -> node + "/acms").collect(Collectors.joining(", "));
        admin.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(Cluster.SYSTEM_ID, "System A", endpoints,
                SECRET, new Console.AutoApprove(false, 100), null, null), Console.Partner.class);
    }

    /** What A saves for B: B through the proxy. */
    Console.SavePartner asPartnerOfA() {
        return new Console.SavePartner(ID, "System B", "ws://127.0.0.1:" + wire.port() + "/acms", SECRET,
                new Console.AutoApprove(false, 100), null, null);
    }

    /** The network from A to B. */
    HoldingProxy wire() {
        return wire;
    }

    /** From now on B's approver approves every request of A's that waits for a decision. */
    void approveFromNowOn() throws Exception {
        approver = PartnerApprover.start(backend.base(), APPROVER, Scene.USER_PASSWORD);
    }

    PartnerApprover approver() {
        return approver;
    }

    /** The requests B received, as B's console lists them. */
    List<Exchange.Request> incoming() throws Exception {
        return admin.call(MessageType.SERVER_IDENTITY_LIST, new Exchange.ListRequests(Exchange.Direction.INCOMING, null),
                Exchange.Requests.class).requests();
    }

    /** B's partners, by system id, as B's console lists them. */
    Map<String, Console.Partner> partners() throws Exception {
        return admin.call(MessageType.PARTNERS_LIST, new Common.Empty(), Console.Partners.class).partners().stream()
                .collect(Collectors.toMap(Console.Partner::systemId, Function.identity()));
    }

    List<Received> events() {
        return List.copyOf(events);
    }

    /** The first event {@code wanted} accepts, handed over after {@code sinceNanos}; null if none yet. */
    Received firstEvent(Predicate<Common.Event> wanted, long sinceNanos) {
        return events.stream().filter(r -> r.atNanos() > sinceNanos && wanted.test(r.event())).findFirst().orElse(null);
    }

    /** B's own database, for reading what B stored. */
    PostgresConfig database() {
        return TestStores.postgresFor(dataDir);
    }

    @Override
    public void close() throws Exception {
        if (approver != null) {
            approver.close();
        }
        admin.close();
        wire.close();
        backend.close();
    }
}
