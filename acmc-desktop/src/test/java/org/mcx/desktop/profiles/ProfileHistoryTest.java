package org.mcx.desktop.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * The version history, without the toolkit, against a real backend: it shows a save at once (not
 * only when the row is selected again), a save made elsewhere too, and every field each version
 * changed, not only capabilities.
 */
class ProfileHistoryTest {
    @TempDir
    Path dir;
    TestBackend backend;
    ConsoleSession session;
    ApplicationProfile v1;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        Console.ApplicationCreated app = backend.call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Dispatch board", false));
        v1 = backend.<Console.ProfileSaved>call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(null, null,
                app.applicationId(), new ServiceRef(ServiceType.GM, "CSC-2"), null,
                new ServiceInterfaceDescription(List.of("HTTP"), List.of("groups"), List.of("GET /groups")), null, null, null), 0L))
                .applicationProfile();
        session = new SessionOpener(Runnable::run).open(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD, null, "test")
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        session.close();
        backend.close();
    }

    @Test
    void theHistoryFollowsEverySaveAndSaysWhatChanged() throws Exception {
        ProfilesViewModel vm = new ProfilesViewModel(Direct.context(session));
        vm.reload().get(10, TimeUnit.SECONDS);
        vm.select(vm.rows().items().get(0));
        awaitFirst(vm, "v1 by admin");
        assertThat(vm.history().get(0)).startsWith("v1 by admin").contains("created").contains("GM CSC-2").contains("HTTP");

        vm.editor().protocolsProperty().set("HTTP, HTTPS");
        vm.editor().save().get(10, TimeUnit.SECONDS);
        awaitFirst(vm, "v2 by admin"); // reloaded after the save, without selecting the row again
        assertThat(vm.history()).hasSize(2);
        assertThat(vm.history().get(0)).startsWith("v2 by admin").contains("Protocols HTTP → HTTP, HTTPS");

        ApplicationProfile stored = backend.<Console.Profiles>call(MessageType.PROFILES_LIST, new Console.ListProfiles(null))
                .applicationProfiles().get(0);
        backend.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(stored.applicationProfileId(),
                stored.applicationProfileIndex(), stored.applicationId(), stored.authorizedService(), null,
                new ServiceInterfaceDescription(List.of("HTTP", "HTTPS"), List.of("groups"), List.of("GET /groups", "GET /groups/{id}")),
                null, null, null), 2L));
        awaitFirst(vm, "v3"); // another administrator's save appears too
        assertThat(vm.history().get(0)).contains("Messages").contains("GET /groups/{id}");
        assertThat(vm.editor().baseProperty().get().version()).as("the untouched editor shows it").isEqualTo(3);
    }

    @Test
    void aSaveAgainstAVersionThatIsNoLongerStoredWritesNothingAndFetchesTheirs() throws Exception {
        // An editor that missed the other save (no list following events): the server refuses, theirs is fetched.
        ProfileEditorViewModel editor = new ProfileEditorViewModel(Direct.context(session));
        editor.edit(v1);
        backend.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(v1.applicationProfileId(),
                v1.applicationProfileIndex(), v1.applicationId(), v1.authorizedService(), null,
                new ServiceInterfaceDescription(List.of("HTTPS"), List.of("groups"), List.of("GET /groups")), null, null, null), 1L));
        editor.capabilitiesProperty().set("groups, members");
        CountDownLatch fetched = new CountDownLatch(1);
        editor.theirsProperty().addListener((o, was, now) -> fetched.countDown());
        assertThat(editor.save()).failsWithin(10, TimeUnit.SECONDS);
        assertThat(fetched.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(editor.theirsProperty().get().version()).isEqualTo(2);
        assertThat(editor.statusProperty().get()).contains("nothing of yours was written");
    }

    /** Waits until the history's newest line starts with {@code prefix} (it loads on the client's thread). */
    private static void awaitFirst(ProfilesViewModel vm, String prefix) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        ListChangeListener<String> l = c -> {
            if (!vm.history().isEmpty() && vm.history().get(0).startsWith(prefix)) {
                seen.countDown();
            }
        };
        vm.history().addListener(l);
        if (!vm.history().isEmpty() && vm.history().get(0).startsWith(prefix)) {
            seen.countDown();
        }
        assertThat(seen.await(10, TimeUnit.SECONDS)).as("the history's newest line starts with " + prefix).isTrue();
        vm.history().removeListener(l);
    }
}
