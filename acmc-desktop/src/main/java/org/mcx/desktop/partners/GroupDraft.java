package org.mcx.desktop.partners;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange;

/**
 * What the group dialogs compose, without the toolkit: {@code groups.request} and
 * {@code groupMembership.update} checked by the protocol's own records, a mistake named by the
 * field the person sees; and the partner's groups this system has already been told of.
 */
final class GroupDraft {
    /** The field names the dialogs show, so "Check the field …" names what is on screen. */
    static final String GROUP_IDS = "group ids";
    static final String GROUP_ID = "the partner's group id";
    static final String ADD = "add to the group";
    static final String REMOVE = "remove from the group";

    private GroupDraft() {
    }

    /** {@code groups.request} for the ids typed; none typed asks for every group the partner shares with us. */
    static Acm.GroupQuery query(String groupIds) {
        List<String> ids = MigrationDraft.commaList(groupIds);
        for (String id : ids) {
            try {
                Check.id(id, GROUP_IDS);
            } catch (ProtocolException e) {
                throw ProtocolException.badRequest(GROUP_IDS, "\"" + id + "\" " + e.getMessage());
            }
        }
        return new Acm.GroupQuery(ids);
    }

    /** {@code groupMembership.update}: the partner's group, users to add and to remove (not both for one user). */
    static Acm.MembershipUpdate membership(String groupId, List<String> add, List<String> remove) {
        String id = groupId == null ? "" : groupId.trim();
        Check.id(id, GROUP_ID);
        try {
            return new Acm.MembershipUpdate(id, add, remove);
        } catch (ProtocolException e) { // "add", "remove[2]": said as the lists are labelled
            throw ProtocolException.badRequest(e.field() != null && e.field().startsWith("remove") ? REMOVE : ADD, e.getMessage());
        }
    }

    /** The groups {@code partnerSystemId} told us of in its answers to our {@code groups.request}s, each once. */
    static List<String> knownGroups(String partnerSystemId, List<Exchange.Request> outgoing) {
        Set<String> known = new LinkedHashSet<>();
        outgoing.stream()
                .filter(r -> partnerSystemId.equals(r.partnerSystemId()) && r.response() != null
                        && r.response().result() instanceof Acm.GroupList)
                .forEach(r -> ((Acm.GroupList) r.response().result()).groups().forEach(g -> known.add(g.groupId())));
        return List.copyOf(known);
    }
}
