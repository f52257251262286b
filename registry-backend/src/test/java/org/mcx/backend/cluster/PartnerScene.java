package org.mcx.backend.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mcx.backend.cluster.PartnerExchanges.Phase;
import org.mcx.backend.testing.Await;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner side of the kill test: system B ({@link PartnerSystem}), A's link to it held by the
 * node to be killed, and the exchanges of each {@link Phase}, which the test starts from its
 * consoles. Keeps what the shared tables said at the kill, for the test to compare with the end.
 */
final class PartnerScene implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartnerScene.class);
    private static final String HOLDS = "holds the link to partner " + PartnerSystem.ID + " (fence ";
    /** A new partner is claimed at once by the node it was saved through, but another node's round may come first. */
    private static final int CLAIM_TRIES = 5;

    final PartnerSystem b;
    final PartnerExchanges exchanges = new PartnerExchanges();
    private final Cluster cluster;
    private final Scene scene;
    private final long patienceMillis;
    /** A node that survives the kill, through which the scene looks at A. */
    private final int survivor;
    private SharedTables.LinkRow claimedByOwner;
    private int[] marksAtKill;
    private SharedTables.LinkRow linkAtKill;
    private List<String> outboxAtKill;

    private PartnerScene(PartnerSystem b, Cluster cluster, Scene scene, int survivor, long patienceMillis) {
        this.b = b;
        this.cluster = cluster;
        this.scene = scene;
        this.survivor = survivor;
        this.patienceMillis = patienceMillis;
    }

    /**
     * B started and linked with A both ways, A's link to B held by node {@code owner}; B is given all
     * of A's nodes, {@code owner} first, so B's link to A is on the node to be killed and moves to
     * another when it dies. Travellers for {@code exchanges} exchanges are added to A.
     */
    static PartnerScene build(Path dir, Cluster cluster, Scene scene, int owner, int survivor, int exchanges,
                              long patienceMillis) throws Exception {
        PartnerScene p = new PartnerScene(PartnerSystem.start(dir), cluster, scene, survivor, patienceMillis);
        try {
            PartnerExchanges.addTravellers(scene.admin(survivor), exchanges);
            // First: A's link then finds B expecting it. B is given every node of A, the one to be
            // killed first, so that B's own link is on it at the kill and must move to another.
            p.b.trust(cluster.startingAt(owner));
            p.saveBThrough(owner);
            Await.until(() -> p.partnersOfA(survivor), partners -> partners.get(PartnerSystem.ID).connected(),
                    "A's link to B is up", patienceMillis);
            Await.until(p.b::partners, partners -> partners.get(Cluster.SYSTEM_ID).connected(),
                    "B's link to A is up", patienceMillis);
        } catch (Exception | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }

    /**
     * Saves B on A through node {@code node}, which claims B's link at once (the save asks it for a
     * round); the others claim only in their rounds, every 2 s, so one of theirs rarely comes first.
     * When one does, B is removed and saved again: which node holds the link is what the test is about.
     */
    private void saveBThrough(int node) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int[] marks = cluster.outputMarks();
            scene.admin(node).call(MessageType.PARTNERS_SAVE, b.asPartnerOfA(), Console.Partner.class);
            int holder = Await.until(() -> cluster.nodeSaying(HOLDS, marks), n -> n >= 0,
                    "a node of A claims B's link", patienceMillis);
            if (holder == node) {
                claimedByOwner = SharedTables.link(cluster.database(), PartnerSystem.ID);
                return;
            }
            if (attempt == CLAIM_TRIES) {
                throw new AssertionError("node " + holder + ", not " + node + ", claimed B's link " + attempt + " times");
            }
            log.info("node {} claimed B's link before node {}; saving B again", holder, node);
            scene.admin(node).call(MessageType.PARTNERS_DELETE, new Console.DeletePartner(PartnerSystem.ID),
                    Common.Empty.class);
        }
    }

    /** Starts one exchange from each console, then waits until B stored each (A recorded it: nothing in its outbox). */
    void startHeldAtB(List<RecordingConsole> from) throws Exception {
        for (RecordingConsole c : from) {
            exchanges.start(Phase.HELD_AT_B, c);
        }
        List<String> ids = exchanges.ids(Phase.HELD_AT_B);
        Await.until(this::requestsOfA, all -> ids.stream().allMatch(id -> all.containsKey(id)
                        && all.get(id).status() == Exchange.Status.STORED_AT_PARTNER && all.get(id).delivery() == null),
                "B stored the first exchanges, and A knows", patienceMillis);
    }

    /**
     * From now on what A sends B stays on the wire; starts one exchange from each console and
     * waits until the link's holder has sent the oldest (the others wait behind it in the outbox).
     */
    void startOnTheWire(List<RecordingConsole> from) throws Exception {
        b.wire().hold();
        for (RecordingConsole c : from) {
            exchanges.start(Phase.ON_THE_WIRE, c);
        }
        b.wire().awaitHeld(patienceMillis);
    }

    /** Just before the kill: what each node has logged so far, to tell who logs a takeover after it. */
    void beforeTheKill() {
        marksAtKill = cluster.outputMarks();
    }

    /** Just after the kill: what the tables say (nobody sends from A's outbox until a takeover), then the wire delivers. */
    void afterTheKill() throws Exception {
        linkAtKill = SharedTables.link(cluster.database(), PartnerSystem.ID);
        outboxAtKill = SharedTables.outbox(cluster.database(), PartnerSystem.ID);
        b.wire().release(); // what the killed node sent reaches B now: its answer goes nowhere
    }

    /**
     * Waits until every exchange started is answered and done on both sides: A stored B's answer and
     * has nothing more to send, B has A's "stored" for its answer and has nothing more to send.
     */
    void awaitEveryExchangeAnswered() throws Exception {
        List<String> ids = exchanges.ids();
        Await.until(this::requestsOfA, all -> ids.stream().allMatch(id -> all.containsKey(id)
                        && all.get(id).status() == Exchange.Status.RESPONSE_STORED && all.get(id).delivery() == null
                        && all.get(id).steps().stream().anyMatch(s -> s.step() == 5)),
                "A stored every answer and B's stored for every request", patienceMillis);
        Await.until(this::requestsOfB, all -> ids.stream().allMatch(id -> all.containsKey(id)
                        && all.get(id).status() == Exchange.Status.RESPONDED && all.get(id).delivery() == null),
                "B has A's stored for every answer", patienceMillis);
    }

    /** The row as it was when the owner had claimed B's link (not yet connected). */
    SharedTables.LinkRow claimedByOwner() {
        return claimedByOwner;
    }

    /** A's link to B at the kill, as the shared row said. */
    SharedTables.LinkRow linkAtKill() {
        return linkAtKill;
    }

    /** The requests whose messages waited in A's outbox at the kill, oldest (the one on the wire) first. */
    List<String> outboxAtKill() {
        return outboxAtKill;
    }

    /** The node that logged holding B's link with {@code fence} after the kill; -1 if none. */
    int holderAfterTheKill(long fence) {
        return cluster.nodeSaying(HOLDS + fence + ")", marksAtKill);
    }

    /** A's exchanges with B, as a surviving node's console lists them. */
    List<Exchange.Request> outgoingOfA() throws Exception {
        return scene.admin(survivor).call(MessageType.SERVER_IDENTITY_LIST, new Exchange.ListRequests(
                Exchange.Direction.OUTGOING, null), Exchange.Requests.class).requests().stream()
                .filter(r -> r.partnerSystemId().equals(PartnerSystem.ID)).toList();
    }

    /** For waiting: by request id (a repeat, which the test looks for in {@link #outgoingOfA}, is not told here). */
    private Map<String, Exchange.Request> requestsOfA() throws Exception {
        return byId(outgoingOfA());
    }

    private Map<String, Exchange.Request> requestsOfB() throws Exception {
        return byId(b.incoming());
    }

    private static Map<String, Exchange.Request> byId(List<Exchange.Request> requests) {
        return requests.stream().collect(Collectors.toMap(Exchange.Request::requestId, Function.identity(), (x, y) -> x));
    }

    /** A's partners as node {@code via} lists them, by system id. */
    Map<String, Console.Partner> partnersOfA(int via) throws Exception {
        return scene.admin(via).call(MessageType.PARTNERS_LIST, new Common.Empty(), Console.Partners.class).partners()
                .stream().collect(Collectors.toMap(Console.Partner::systemId, Function.identity()));
    }

    @Override
    public void close() throws Exception {
        b.close();
    }
}
