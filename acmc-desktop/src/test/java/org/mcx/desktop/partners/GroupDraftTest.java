package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Exchange;

/** What the group dialogs compose, checked by the protocol's rules and named as the dialogs label them. */
class GroupDraftTest {
    @Test
    void noGroupIdAsksForEverySharedGroupAndABadOneIsNamed() {
        assertThat(GroupDraft.query("  ").groups()).isEmpty();
        assertThat(GroupDraft.query("roads, fire-east, roads").groups()).containsExactly("roads", "fire-east");
        assertThatThrownBy(() -> GroupDraft.query("roads, fire east")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("\"fire east\"")
                .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo(GroupDraft.GROUP_IDS));
    }

    @Test
    void aMembershipUpdateNeedsAGroupAndSomeoneAndNobodyTwice() {
        Acm.MembershipUpdate m = GroupDraft.membership(" roads ", List.of("alice"), List.of("bob"));
        assertThat(m).isEqualTo(new Acm.MembershipUpdate("roads", List.of("alice"), List.of("bob")));
        assertThatThrownBy(() -> GroupDraft.membership("", List.of("alice"), List.of()))
                .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo(GroupDraft.GROUP_ID));
        assertThatThrownBy(() -> GroupDraft.membership("roads", List.of(), List.of()))
                .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo(GroupDraft.ADD));
        assertThatThrownBy(() -> GroupDraft.membership("roads", List.of("alice"), List.of("alice")))
                .hasMessageContaining("alice is also in add")
                .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo(GroupDraft.REMOVE));
    }

    @Test
    void thePartnersGroupsAreThoseItsAnswersNamed() {
        var told = answered("mcx-b", new Acm.GroupList(List.of(new Acm.GroupInfo("roads", "Roads", List.of()),
                new Acm.GroupInfo("fire-east", "Fire East", List.of()))));
        var again = answered("mcx-b", new Acm.GroupList(List.of(new Acm.GroupInfo("roads", "Roads", List.of()))));
        var elsewhere = answered("mcx-c", new Acm.GroupList(List.of(new Acm.GroupInfo("police", "Police", List.of()))));
        assertThat(GroupDraft.knownGroups("mcx-b", List.of(told, elsewhere, again))).containsExactly("roads", "fire-east");
        assertThat(GroupDraft.knownGroups("mcx-d", List.of(told))).isEmpty();
    }

    private static Exchange.Request answered(String partner, Acm.Result result) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return new Exchange.Request(partner + "-1", Exchange.Direction.OUTGOING, partner, "admin", List.of(), Exchange.Status.DELIVERED,
                at, List.of(), new Exchange.Response(Acms.Decision.APPROVED, null, "vera", null, at, result),
                null, null, result.kind(), Acm.Urgency.NORMAL, new Acm.GroupQuery(List.of()));
    }
}
