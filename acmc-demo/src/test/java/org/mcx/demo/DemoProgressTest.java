package org.mcx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.testing.Direct;
import org.mcx.protocol.message.Common;

/** The guide's steps tick off from what the primary's events say. */
class DemoProgressTest {
    final DemoProgress progress = new DemoProgress(null, Direct.tasks());

    static Common.Event event(String topic, long version) {
        return new Common.Event(1, topic, Instant.now(), new ObjectMapper().createObjectNode().put("version", version));
    }

    @Test
    void eachStepTicksOnWhatShowsItDone() {
        progress.seen(event("profile.updated", 1)); // the approval's own profiles
        assertThat(progress.doneProperty(2).get()).isFalse();
        progress.seen(event("application.authorizationDecided", 0));
        progress.seen(event("profile.updated", 2));
        progress.seen(event("serverIdentity.created", 0));
        assertThat(progress.doneProperty(1).get()).isTrue();
        assertThat(progress.doneProperty(2).get()).isTrue();
        assertThat(progress.doneProperty(3).get()).isTrue();
        assertThat(progress.doneProperty(4).get()).isFalse();
    }

    @Test
    void theMigrationStepsTickWhenUsersAreSentAndWhenThePartnerAnswered() {
        progress.seen(event("userMigration.remove.created", 0)); // a removal is not the step
        assertThat(progress.doneProperty(6).get()).isFalse();
        progress.seen(event("userMigration.add.created", 0));
        assertThat(progress.doneProperty(6).get()).isTrue();
        assertThat(progress.doneProperty(7).get()).isFalse();
        progress.seen(event("userMigration.add.responseStored", 0));
        assertThat(progress.doneProperty(7).get()).isTrue();
        assertThat(progress.doneProperty(10).get()).isFalse();
        progress.seen(event("userMigration.remove.responseStored", 0));
        assertThat(progress.doneProperty(10).get()).isTrue();
        assertThat(progress.doneProperty(DemoProgress.COLLECTED).get()).as("no server identity answer collected").isFalse();
    }

    @Test
    void theGroupStepsTickWhenThePartnerAnsweredEachKind() {
        progress.seen(event("groups.request.created", 0)); // sent is not yet answered
        progress.seen(event("groupMembership.update.created", 0));
        assertThat(progress.doneProperty(8).get()).isFalse();
        assertThat(progress.doneProperty(9).get()).isFalse();
        progress.seen(event("groups.request.responseStored", 0));
        assertThat(progress.doneProperty(8).get()).isTrue();
        assertThat(progress.doneProperty(9).get()).isFalse();
        progress.seen(event("groupMembership.update.responseStored", 0));
        assertThat(progress.doneProperty(9).get()).isTrue();
        assertThat(progress.doneProperty(7).get()).as("the migration's own step").isFalse();
    }
}
