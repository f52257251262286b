package org.mcx.backend.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * The server identity exchanges the kill test starts with partner B: each for a user of its own,
 * from a console, with the node that console was on, and where the exchange was at the kill.
 */
final class PartnerExchanges {
    /** Where an exchange was when node 0 was killed. */
    enum Phase {
        /** Stored at B, waiting for B's approver: answered after the kill, through survivors. */
        HELD_AT_B,
        /** In A's outbox or on the wire to B: sent (again) only by the node that takes B's link over. */
        ON_THE_WIRE,
        /** Started on a survivor after the kill, before the takeover: waits for the new owner too. */
        AFTER_THE_KILL
    }

    /** An exchange started (its creation acknowledged) through {@code console} on {@code node}. */
    record Started(String requestId, Phase phase, String console, int node, String user) {
    }

    private final List<Started> started = new CopyOnWriteArrayList<>();

    /** A user of A who may migrate, one per exchange, so that each answer names whom it is about. */
    static void addTravellers(ProtocolClient admin, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            admin.call(MessageType.USERS_SAVE, new Console.SaveUser(traveller(i), "Traveller " + i, List.of(), false,
                    List.of(), true, Scene.USER_PASSWORD), Console.User.class);
        }
    }

    private static String traveller(int i) {
        return "traveller-" + i;
    }

    /** Asks B, through the console, for the servers of the next traveller; kept once A acknowledged it. */
    synchronized Started start(Phase phase, RecordingConsole console) throws Exception {
        String user = traveller(started.size() + 1);
        int node = console.node();
        Exchange.Created created = console.client().call(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(PartnerSystem.ID, List.of(user)), Exchange.Created.class);
        Started s = new Started(created.requestId(), phase, console.name(), node, user);
        started.add(s);
        return s;
    }

    List<Started> started() {
        return List.copyOf(started);
    }

    List<String> ids() {
        return started.stream().map(Started::requestId).toList();
    }

    List<String> ids(Phase phase) {
        return started.stream().filter(s -> s.phase() == phase).map(Started::requestId).toList();
    }
}
