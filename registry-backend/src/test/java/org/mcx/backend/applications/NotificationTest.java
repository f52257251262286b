package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.GM;
import static org.mcx.backend.applications.Harness.MCPTT;
import static org.mcx.backend.applications.Harness.call;
import static org.mcx.backend.applications.Harness.newProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.wire.MessageType;

/**
 * 10.X.4: notify, acknowledge, get. An acknowledgement is written to the wire on the test thread
 * before the test's next request on the same client, and the server reads a connection's frames
 * in order; so once that next request is answered, the acknowledgement has been handled.
 */
class NotificationTest {
    @TempDir
    Path dir;
    Harness h;
    Console.ApplicationCreated app;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir);
        app = h.createApplication("Field app", false);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void everySessionOfTheApplicationIsNotifiedAndNoOtherApplication() throws Exception {
        Console.ApplicationCreated other = h.createApplication("Other app", false);
        Inbox otherInbox = Inbox.acking();
        h.application(other, otherInbox);
        List<Inbox> inboxes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Inbox inbox = Inbox.acking();
            inboxes.add(inbox);
            h.application(app, inbox);
        }

        ApplicationProfile saved = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);

        for (Inbox inbox : inboxes) {
            Inbox.Delivery d = inbox.next();
            assertThat(d.applicationProfileId()).isEqualTo(saved.applicationProfileId());
            assertThat(d.version()).isEqualTo(1L);
        }
        // The other application's first notification is about its own profile: it got none before.
        ApplicationProfile its = h.saveProfile(newProfile(other.applicationId(), MCPTT), 0);
        assertThat(otherInbox.next().applicationProfileId()).isEqualTo(its.applicationProfileId());
    }

    @Test
    void oneAcknowledgementFromAnySessionAcknowledgesIt() throws Exception {
        Inbox first = Inbox.manual();
        Inbox second = Inbox.manual();
        ProtocolClient firstClient = h.application(app, first);
        h.application(app, second);
        ApplicationProfile saved = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        second.next();

        first.next().ack();
        call(firstClient, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(saved.applicationProfileId(), null));

        assertThat(h.countWithin(0, "SELECT COUNT(*) FROM notifications")).isZero();
    }

    @Test
    void anUnacknowledgedNotificationIsSentAgainWhenTheApplicationReconnects() throws Exception {
        Inbox ignoring = Inbox.manual();
        ProtocolClient away = h.application(app, ignoring);
        ApplicationProfile saved = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        assertThat(ignoring.next().version()).isEqualTo(1L);
        away.close();
        assertThat(h.count("SELECT COUNT(*) FROM notifications")).isEqualTo(1);

        Inbox back = Inbox.manual();
        ProtocolClient client = h.application(app, back);
        Inbox.Delivery again = back.next();
        assertThat(again.applicationProfileId()).isEqualTo(saved.applicationProfileId());
        assertThat(again.version()).isEqualTo(1L);
        again.ack();
        call(client, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(saved.applicationProfileId(), null));
        // The acknowledgement is an answer: no reply tells when the server has handled it.
        assertThat(h.countWithin(0, "SELECT COUNT(*) FROM notifications")).isZero();

        // Acknowledged means not re-sent: the next connection's first notification is a new change.
        Inbox later = Inbox.manual();
        h.application(app, later);
        h.saveProfile(new ApplicationProfile(saved.applicationProfileId(), null, app.applicationId(), MCPTT, null,
                new ServiceInterfaceDescription(List.of("SIP"), List.of(), List.of()), null, null, null), 1);
        assertThat(later.next().version()).isEqualTo(2L);
    }

    @Test
    void onlyTheNewestVersionOfAProfileWaitsAndAnOldAcknowledgementDoesNotClearIt() throws Exception {
        Inbox inbox = Inbox.manual();
        ProtocolClient client = h.application(app, inbox);
        ApplicationProfile v1 = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        Inbox.Delivery first = inbox.next();
        h.saveProfile(new ApplicationProfile(v1.applicationProfileId(), null, app.applicationId(), MCPTT, null, null,
                null, null, null), 1);
        Inbox.Delivery second = inbox.next();
        assertThat(second.version()).isEqualTo(2L);

        first.ack();
        call(client, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(v1.applicationProfileId(), null));
        assertThat(h.count("SELECT version FROM notifications")).isEqualTo(2);

        second.ack();
        call(client, MessageType.GET_APPLICATION_PROFILE, new Csc14.GetApplicationProfile(v1.applicationProfileId(), null));
        assertThat(h.countWithin(0, "SELECT COUNT(*) FROM notifications")).isZero();
    }

    @Test
    void aRestartKeepsProfilesAndPendingNotifications() throws Exception {
        ApplicationProfile mcptt = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        ApplicationProfile gm = h.saveProfile(newProfile(app.applicationId(), GM), 0);

        h.restart();

        Inbox inbox = Inbox.manual();
        ProtocolClient client = h.application(app, inbox);
        List<String> resent = List.of(inbox.next().ack().applicationProfileId(),
                inbox.next().ack().applicationProfileId());
        assertThat(resent).containsExactlyInAnyOrder(mcptt.applicationProfileId(), gm.applicationProfileId());
        Csc14.ApplicationProfileResult fetched = call(client, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(gm.applicationProfileId(), null));
        assertThat(fetched.applicationProfile()).isEqualTo(gm);
        assertThat(h.countWithin(0, "SELECT COUNT(*) FROM notifications")).isZero();
        Console.Profiles listed = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        assertThat(listed.applicationProfiles()).containsExactlyInAnyOrder(mcptt, gm);
        Console.Applications apps = call(h.admin(), MessageType.APPLICATIONS_LIST, new Common.Empty());
        assertThat(apps.applications()).extracting(Console.Application::applicationId).contains(app.applicationId());
    }
}
