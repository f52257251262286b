package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.GM;
import static org.mcx.backend.applications.Harness.MCPTT;
import static org.mcx.backend.applications.Harness.MCVIDEO;
import static org.mcx.backend.applications.Harness.call;
import static org.mcx.backend.applications.Harness.newProfile;
import static org.mcx.backend.applications.Harness.refusal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.wire.MessageType;

/** The console's profiles.*: optimistic concurrency, history, events, roles, and isolation between applications. */
class ProfileAdminTest {
    private static final ServiceInterfaceDescription SIP = new ServiceInterfaceDescription(List.of("SIP"),
            List.of("private call"), List.of("INVITE"));

    @TempDir
    Path dir;
    Harness h;
    Console.ApplicationCreated app;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir);
        app = h.createApplication("Console app", false);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void saveCreatesThenUpdatesAndEveryVersionIsKept() throws Exception {
        BlockingQueue<Common.Event> events = new LinkedBlockingQueue<>();
        h.admin().addEventListener(events::add);
        h.admin().subscribe(List.of("profile.")).get(10, TimeUnit.SECONDS);

        ApplicationProfile created = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        assertThat(created.applicationProfileId()).startsWith("ap-");
        assertThat(created.applicationProfileIndex()).isEqualTo(1);
        assertThat(created.version()).isEqualTo(1L);
        assertThat(created.updatedBy()).isEqualTo("admin");
        assertThat(created.serviceLocation()).isEqualTo(h.fixture().backend().sasLocation("/services/" + created.applicationProfileId()));

        ApplicationProfile updated = h.saveProfile(edited(created, MCPTT, SIP), 1);
        assertThat(updated.applicationProfileId()).isEqualTo(created.applicationProfileId());
        assertThat(updated.applicationProfileIndex()).isEqualTo(1);
        assertThat(updated.version()).isEqualTo(2L);
        assertThat(updated.serviceInterfaceDescription()).isEqualTo(SIP);
        assertThat(updated.serviceLocation()).isEqualTo(created.serviceLocation());

        Console.Profiles listed = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(app.applicationId()));
        assertThat(listed.applicationProfiles()).containsExactly(updated);
        Console.Profiles all = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        assertThat(all.applicationProfiles()).containsExactly(updated);
        Console.Profiles history = call(h.admin(), MessageType.PROFILES_HISTORY,
                new Console.ProfileHistory(created.applicationProfileId()));
        assertThat(history.applicationProfiles()).containsExactly(updated, created);

        for (long version = 1; version <= 2; version++) {
            Common.Event e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.topic()).isEqualTo("profile.updated");
            assertThat(e.data().get("applicationProfileId").asText()).isEqualTo(created.applicationProfileId());
            assertThat(e.data().get("applicationId").asText()).isEqualTo(app.applicationId());
            assertThat(e.data().get("version").asLong()).isEqualTo(version);
        }
    }

    @Test
    void aStaleVersionIsAConflictAndNothingIsHalfWritten() throws Exception {
        ApplicationProfile v1 = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        ApplicationProfile v2 = h.saveProfile(edited(v1, MCPTT, SIP), 1);
        long seq = h.lastSeq();
        long audits = h.count("SELECT COUNT(*) FROM audit_log");

        RemoteException stale = refusal(h.admin(), MessageType.PROFILES_SAVE,
                new Console.SaveProfile(edited(v1, MCVIDEO, ServiceInterfaceDescription.empty()), 1L));

        assertThat(stale.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(stale.getMessage()).contains("version 2");
        assertThat(h.lastSeq()).as("no event").isEqualTo(seq);
        assertThat(h.count("SELECT COUNT(*) FROM audit_log")).isEqualTo(audits);
        assertThat(h.count("SELECT version FROM profiles WHERE application_profile_id = ?",
                v1.applicationProfileId())).isEqualTo(2);
        assertThat(h.count("SELECT COUNT(*) FROM profile_versions")).isEqualTo(2);
        assertThat(h.count("SELECT version FROM notifications")).isEqualTo(2);
        Console.Profiles listed = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        assertThat(listed.applicationProfiles()).containsExactly(v2);

        Harness.assertRefused(h.admin(), MessageType.PROFILES_DELETE,
                new Console.DeleteProfile(v1.applicationProfileId(), 1L), ErrorCode.CONFLICT);
        assertThat(h.lastSeq()).isEqualTo(seq);
    }

    @Test
    void aNewProfileNeedsAnExistingApplicationAndAServiceItDoesNotHoldYet() throws Exception {
        h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);

        Harness.assertRefused(h.admin(), MessageType.PROFILES_SAVE,
                new Console.SaveProfile(newProfile("app-000000000000", MCPTT), 0L), ErrorCode.NOT_FOUND);
        Harness.assertRefused(h.admin(), MessageType.PROFILES_SAVE,
                new Console.SaveProfile(newProfile(app.applicationId(), MCPTT), 0L), ErrorCode.CONFLICT);
        ApplicationProfile gm = h.saveProfile(newProfile(app.applicationId(), GM), 0);
        assertThat(gm.applicationProfileIndex()).isEqualTo(2);
        // Switching a profile to a service the application holds in another one is a duplicate too.
        Harness.assertRefused(h.admin(), MessageType.PROFILES_SAVE,
                new Console.SaveProfile(edited(gm, MCPTT, SIP), 1L), ErrorCode.CONFLICT);

        Console.ApplicationCreated other = h.createApplication("Other", false);
        RemoteException moved = refusal(h.admin(), MessageType.PROFILES_SAVE, new Console.SaveProfile(
                new ApplicationProfile(gm.applicationProfileId(), null, other.applicationId(), GM, null, null, null,
                        null, null), 1L));
        assertThat(moved.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(moved.field()).isEqualTo("body.applicationProfile.applicationId");
    }

    @Test
    void deleteNeedsTheCurrentVersionAndTheApplicationLearnsOfIt() throws Exception {
        Inbox inbox = Inbox.acking();
        ProtocolClient client = h.application(app, inbox);
        ApplicationProfile v1 = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        assertThat(inbox.next().version()).isEqualTo(1L);

        call(h.admin(), MessageType.PROFILES_DELETE, new Console.DeleteProfile(v1.applicationProfileId(), 1L));

        Inbox.Delivery deleted = inbox.next();
        assertThat(deleted.applicationProfileId()).isEqualTo(v1.applicationProfileId());
        assertThat(deleted.version()).isEqualTo(2L);
        Console.Profiles listed = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        assertThat(listed.applicationProfiles()).isEmpty();
        Harness.assertRefused(client, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(v1.applicationProfileId(), null), ErrorCode.NOT_FOUND);
        Harness.assertRefused(h.admin(), MessageType.PROFILES_DELETE,
                new Console.DeleteProfile(v1.applicationProfileId(), 2L), ErrorCode.NOT_FOUND);
        Console.Profiles history = call(h.admin(), MessageType.PROFILES_HISTORY,
                new Console.ProfileHistory(v1.applicationProfileId()));
        assertThat(history.applicationProfiles()).containsExactly(v1);
        Harness.assertRefused(h.admin(), MessageType.PROFILES_HISTORY,
                new Console.ProfileHistory("ap-000000000000"), ErrorCode.NOT_FOUND);
        assertThat(h.count("SELECT COUNT(*) FROM events WHERE topic = 'profile.deleted'")).isEqualTo(1);
    }

    @Test
    void onlyOperatorsEditProfilesWhileViewersRead() throws Exception {
        h.saveUser("victor", false, List.of(), Role.VIEWER);
        h.saveUser("olivia", false, List.of(), Role.OPERATOR);
        ProtocolClient viewer = h.console("victor", Harness.PASSWORD);
        ProtocolClient operator = h.console("olivia", Harness.PASSWORD);

        Harness.assertRefused(viewer, MessageType.PROFILES_SAVE,
                new Console.SaveProfile(newProfile(app.applicationId(), MCPTT), 0L), ErrorCode.FORBIDDEN);
        Console.ProfileSaved saved = call(operator, MessageType.PROFILES_SAVE,
                new Console.SaveProfile(newProfile(app.applicationId(), MCPTT), 0L));
        assertThat(saved.applicationProfile().updatedBy()).isEqualTo("olivia");
        Harness.assertRefused(viewer, MessageType.PROFILES_DELETE,
                new Console.DeleteProfile(saved.applicationProfile().applicationProfileId(), 1L), ErrorCode.FORBIDDEN);
        Console.Profiles seen = call(viewer, MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        assertThat(seen.applicationProfiles()).containsExactly(saved.applicationProfile());
        assertThat(h.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'olivia' AND action = 'profiles.save'"))
                .isEqualTo(1);
    }

    @Test
    void anApplicationSeesOnlyItsOwnProfilesAndAnotherOnesIsNotFound() throws Exception {
        Console.ApplicationCreated other = h.createApplication("Other", false);
        ApplicationProfile mine = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        ProtocolClient otherClient = h.application(other, Inbox.acking());

        RemoteException foreign = refusal(otherClient, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(mine.applicationProfileId(), null));
        RemoteException missing = refusal(otherClient, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile("ap-000000000000", null));

        assertThat(foreign.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(foreign.getMessage()).doesNotContain(app.applicationId());
    }

    private static ApplicationProfile edited(ApplicationProfile p, org.mcx.protocol.model.ServiceRef service,
                                             ServiceInterfaceDescription description) {
        return new ApplicationProfile(p.applicationProfileId(), p.applicationProfileIndex(), p.applicationId(), service,
                p.serviceLocation(), description, p.version(), p.updatedAt(), p.updatedBy());
    }
}
