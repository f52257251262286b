package org.mcx.demo;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.Tasks;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * Which of the guide's ten steps are done, from what the primary's events say: an authorization
 * decided, a profile saved again, a partner request created, its answer stored; the answer
 * collected, which no event announces, so it is read from the request list when it may have
 * happened; users sent for migration, and the partner's answer to them; the partner's groups asked
 * for, a membership update and a removal from migration, answered.
 */
final class DemoProgress {
    static final int STEPS = 10;
    /** The step no event announces: an answer collected. */
    static final int COLLECTED = 5;
    private final ConsoleSession session;
    private final Tasks tasks;
    private final List<BooleanProperty> done = java.util.stream.Stream.generate(() -> (BooleanProperty) new SimpleBooleanProperty())
            .limit(STEPS).toList();

    DemoProgress(ConsoleSession session, Tasks tasks) {
        this.session = session;
        this.tasks = tasks;
    }

    /** Follows the primary's events (on the UI thread, as the session delivers them). */
    DemoProgress follow() {
        session.onEvent(this::seen);
        return this;
    }

    void seen(Common.Event e) {
        switch (e.topic()) {
            case "application.authorizationDecided" -> done(1);
            case "profile.updated" -> {
                if (e.data() != null && e.data().path("version").asLong() >= 2) {
                    done(2);
                }
            }
            case "serverIdentity.created" -> done(3);
            case "serverIdentity.responseStored" -> {
                done(4);
                checkCollected();
            }
            case "userMigration.add.created" -> done(6);
            case "userMigration.add.responseStored" -> done(7); // the partner answered: approved or not, it was decided there
            case "groups.request.responseStored" -> done(8);
            case "groupMembership.update.responseStored" -> done(9);
            case "userMigration.remove.responseStored" -> done(10);
            default -> {
            }
        }
    }

    /** Step 5: an answer was collected (its request is delivered). Asked only while it may just have happened. */
    void checkCollected() {
        if (!done.get(3).get() || done.get(COLLECTED - 1).get()) {
            return;
        }
        tasks.call("check whether an answer was collected", () -> session.<Exchange.Requests>request(
                        MessageType.SERVER_IDENTITY_LIST, new Exchange.ListRequests(Exchange.Direction.OUTGOING,
                                Exchange.Status.DELIVERED)))
                .onSuccess(r -> {
                    if (!r.requests().isEmpty()) {
                        done(COLLECTED);
                    }
                })
                .onError(f -> { /* asked again on the next occasion */ }).start();
    }

    private void done(int step) {
        done.get(step - 1).set(true);
    }

    BooleanProperty doneProperty(int step) {
        return done.get(step - 1);
    }
}
