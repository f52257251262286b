package org.mcx.desktop.notifications;

import org.mcx.desktop.common.ConsoleSession;
import org.mcx.protocol.wire.MessageType;

/**
 * Which events deserve a toast for this user: a request of any kind waiting for an approver's
 * decision, an answer arriving for an administrator, a partner link lost.
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
            // every other exchange kind (docs/acm.md): the same two moments, with the kind as prefix
            default -> exchange(topic) && (topic.endsWith(".pending") && session.may(MessageType.ACM_DECIDE)
                    || topic.endsWith(".responseStored") && session.may(MessageType.ACM_RESPONSES));
        };
    }

    /** The exchange kinds beyond server identities; "group." (a group saved here) is not one of them. */
    private static boolean exchange(String topic) {
        return topic.startsWith("userMigration.") || topic.startsWith("groups.request.") || topic.startsWith("groupMembership.update.");
    }
}
