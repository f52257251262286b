package org.mcx.desktop.notifications;

import org.mcx.desktop.common.ConsoleSession;
import org.mcx.protocol.wire.MessageType;

/**
 * Which events deserve a toast for this user: a request waiting for an approver's decision, an
 * answer arriving for an administrator, a partner link lost.
 */
public final class ImportantEvents {
    private final ConsoleSession session;

    public ImportantEvents(ConsoleSession session) {
        this.session = session;
    }

    public boolean important(String topic) {
        return switch (topic) {
            case "application.authorizationRequested" -> session.may(MessageType.APPLICATIONS_DECIDE);
            case "serverIdentity.pending" -> session.may(MessageType.SERVER_IDENTITY_DECIDE);
            case "serverIdentity.responseStored" -> session.may(MessageType.SERVER_IDENTITY_RESPONSES);
            case "partner.disconnected", "user.locked" -> true;
            default -> false;
        };
    }
}
