package org.mcx.desktop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
