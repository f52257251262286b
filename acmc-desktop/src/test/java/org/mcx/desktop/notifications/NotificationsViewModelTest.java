package org.mcx.desktop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.common.FeedItem;
import org.mcx.desktop.testing.Direct;
import org.mcx.protocol.message.Common;

/** The feed without the toolkit: plain words, unread count, topic filters, toasts for what matters, the cap. */
class NotificationsViewModelTest {
    final List<FeedItem> toasts = new ArrayList<>();
    final NotificationsViewModel vm = new NotificationsViewModel(new EventText(Direct.I18N),
            topic -> topic.equals("partner.disconnected"));

    {
        vm.setToaster(toasts::add);
    }

    static Common.Event event(long seq, String topic, String field, String value) {
        ObjectNode data = new ObjectMapper().createObjectNode().put(field, value);
        return new Common.Event(seq, topic, Instant.now(), data);
    }

    @Test
    void eventsAreNewestFirstInPlainWordsAndCountedUnread() {
        vm.add(event(1, "application.created", "applicationId", "app-1"));
        vm.add(event(2, "partner.disconnected", "partnerSystemId", "mcx-b"));
        assertThat(vm.shown()).extracting(FeedItem::text)
                .containsExactly("Partner mcx-b link lost", "Application app-1 created");
        assertThat(vm.unreadProperty().get()).isEqualTo(2);
        assertThat(toasts).extracting(FeedItem::topic).containsExactly("partner.disconnected");
        vm.markAllRead();
        assertThat(vm.unreadProperty().get()).isZero();
    }

    @Test
    void userMigrationEventsAreInWordsAndFilteredAsOneFamily() {
        ObjectNode data = new ObjectMapper().createObjectNode().put("partnerSystemId", "mcx-a").put("decision", "approved")
                .put("requestId", "7a41c0de-5b8e-4c3f-9d2a-1e6f0b7c8d90");
        vm.add(new Common.Event(1, "userMigration.add.pending", Instant.now(), data));
        vm.add(new Common.Event(2, "userMigration.remove.responseStored", Instant.now(), data));
        assertThat(vm.shown()).extracting(FeedItem::text).containsExactly(
                "mcx-a answered the removal of migrated users (approved): collect it in Partner requests",
                "Users sent for migration by mcx-a wait for an approver");
        vm.show("userMigration", false);
        assertThat(vm.shown()).isEmpty();
    }

    @Test
    void topicChipsFilterByFamily() {
        vm.add(event(1, "application.created", "applicationId", "app-1"));
        vm.add(event(2, "service.registered", "serviceId", "gm-1"));
        vm.show("service", false);
        assertThat(vm.shown()).extracting(FeedItem::topic).containsExactly("application.created");
        vm.show("service", true);
        assertThat(vm.shown()).hasSize(2);
    }

    @Test
    void theFeedIsCapped() {
        for (int i = 0; i < NotificationsViewModel.CAP + 10; i++) {
            vm.add(event(i, "user.saved", "mcServiceId", "u" + i));
        }
        assertThat(vm.feed()).hasSize(NotificationsViewModel.CAP);
        assertThat(vm.feed().get(0).seq()).isEqualTo(NotificationsViewModel.CAP + 9L);
    }

    @Test
    void anUnknownTopicIsStillShown() {
        vm.add(event(1, "something.new", "x", "y"));
        assertThat(vm.shown()).hasSize(1);
        assertThat(vm.shown().get(0).text()).startsWith("something.new");
    }

    @Test
    void anEventSeenAlreadyIsNeitherShownNorToastedTwice() {
        vm.add(event(7, "partner.disconnected", "partnerSystemId", "mcx-b"));
        vm.add(event(7, "partner.disconnected", "partnerSystemId", "mcx-b")); // e.g. a subscription replayed from an older point
        assertThat(vm.feed()).hasSize(1);
        assertThat(toasts).hasSize(1);
    }

    @Test
    void applicationsAndPartnersAreNamedAndRequestIdsNeverShown() {
        org.mcx.desktop.common.Names names = new org.mcx.desktop.common.Names(null, Direct.tasks());
        NotificationsViewModel named = new NotificationsViewModel(new EventText(Direct.I18N, names), topic -> false);
        ObjectNode asks = new ObjectMapper().createObjectNode().put("applicationId", "app-e21cfc8513e3").put("mcServiceId", "alice")
                .put("authorizationId", "auth-1");
        named.add(new Common.Event(1, "application.authorizationRequested", Instant.now(), asks));
        ObjectNode answer = new ObjectMapper().createObjectNode().put("requestId", "5f0c3a2e-8d7b-4c1e-9a61-2b7f3c9d0e14")
                .put("partnerSystemId", "mcx-b").put("decision", "approved");
        named.add(new Common.Event(2, "serverIdentity.responseStored", Instant.now(), answer));
        assertThat(named.feed().get(0).text()).doesNotContain("5f0c3a2e").contains("mcx-b").contains("approved");

        names.put("app-e21cfc8513e3", "Dispatch board");
        named.redescribe(); // the console does this when names arrive
        assertThat(named.feed().get(1).text()).isEqualTo("Dispatch board asks to be authorized to act for alice");
    }
}
