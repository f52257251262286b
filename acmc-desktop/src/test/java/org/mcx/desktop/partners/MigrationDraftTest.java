package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Exchange;

/** What the migration dialogs compose, and the order of the lists, without the toolkit. */
class MigrationDraftTest {
    @Test
    void groupsAreACommaListWithBlanksAndRepeatsDropped() {
        assertThat(MigrationDraft.commaList(" fire-east, ,rescue,fire-east ")).containsExactly("fire-east", "rescue");
        assertThat(MigrationDraft.commaList("  ")).isEmpty();
        Acm.UserMigration m = MigrationDraft.adding(List.of("alice", "bob"), Map.of("alice", "fire-east"));
        assertThat(m.users()).extracting(Acm.MigratingUser::groups).containsExactly(List.of("fire-east"), List.of());
    }

    @Test
    void aBadGroupIsNamedWithItsUserBeforeAnythingIsSent() {
        assertThatThrownBy(() -> MigrationDraft.adding(List.of("alice"), Map.of("alice", "fire east")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("\"fire east\"")
                .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo("groups of alice"));
        assertThatThrownBy(() -> MigrationDraft.adding(List.of(), Map.of())).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> MigrationDraft.removing(List.of(), "")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> MigrationDraft.removing(List.of(), "a b")).hasMessageContaining("\"a b\"");
        assertThat(MigrationDraft.removing(List.of("alice"), "bob, alice").users()).containsExactly("alice", "bob");
    }

    @Test
    void thePartnerHoldsWhomItCreatedUntilItRemovedThem() {
        var added = answered("2026-12-01T10:00:00Z", "mcx-b", new Acm.MigrationOutcomes(List.of(
                new Acm.UserOutcome("alice", Acm.Outcome.CREATED, null), new Acm.UserOutcome("bob", Acm.Outcome.REFUSED, "theirs"),
                new Acm.UserOutcome("carol", Acm.Outcome.UPDATED, null))));
        var removed = answered("2026-12-02T10:00:00Z", "mcx-b", new Acm.RemovalOutcomes(List.of(
                new Acm.UserOutcome("carol", Acm.Outcome.REMOVED, null))));
        var elsewhere = answered("2026-12-01T11:00:00Z", "mcx-c", new Acm.MigrationOutcomes(List.of(
                new Acm.UserOutcome("dan", Acm.Outcome.CREATED, null))));
        assertThat(MigrationDraft.heldBy("mcx-b", List.of(removed, elsewhere, added))).containsExactly("alice");
    }

    @Test
    void urgentRequestsComeFirstThenTheOldest() {
        var oldNormal = request("2026-12-01T10:00:00Z", Acm.Urgency.NORMAL);
        var newUrgent = request("2026-12-02T10:00:00Z", Acm.Urgency.URGENT);
        var newNormal = request("2026-12-03T10:00:00Z", null);
        assertThat(java.util.stream.Stream.of(newNormal, oldNormal, newUrgent).sorted(RequestsViewModel.URGENT_THEN_OLDEST).toList())
                .containsExactly(newUrgent, oldNormal, newNormal);
    }

    private static Exchange.Request answered(String at, String partner, Acm.Result result) {
        return new Exchange.Request(at, Exchange.Direction.OUTGOING, partner, "admin", List.of(), Exchange.Status.DELIVERED,
                Instant.parse(at), List.of(), new Exchange.Response(Acms.Decision.APPROVED, null, "vera", null, Instant.parse(at), result),
                null, null, result.kind(), Acm.Urgency.NORMAL, null);
    }

    private static Exchange.Request request(String at, Acm.Urgency urgency) {
        return new Exchange.Request(at, Exchange.Direction.INCOMING, "mcx-a", "admin", List.of(), Exchange.Status.PENDING_APPROVAL,
                Instant.parse(at), List.of(), null, null, null, Acm.USER_MIGRATION_ADD, urgency, null);
    }
}
