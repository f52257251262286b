package org.mcx.desktop.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** Editing a profile: the diff before saving, then the conflict path when someone else saved first. */
class ProfileEditUiTest extends FxTest {
    @TempDir
    Path dir;
    TestBackend backend;
    ApplicationProfile v1;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start(dir);
        Console.ApplicationCreated app = backend.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Dispatch board", false));
        Console.ProfileSaved saved = backend.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(
                new ApplicationProfile(null, null, app.applicationId(), new ServiceRef(ServiceType.GM, "CSC-2"), null,
                        new ServiceInterfaceDescription(List.of("HTTP"), List.of("groups"), List.of("GET /groups")),
                        null, null, null), 0L));
        v1 = saved.applicationProfile();
        ConsoleSession session = consoles.opener().open(backend.base(), TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD,
                null, "test").get(WAIT_SECONDS, TimeUnit.SECONDS);
        onFxRun(() -> consoles.open(stage, session));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        waitUntil("the profile is listed", () -> present("#profiles-table")
                && lookup("#profiles-table", TableView.class).getItems().size() == 1);
        onFxRun(() -> lookup("#profiles-table", TableView.class).getSelectionModel().select(0));
        waitUntil("the editor shows it", () -> "groups".equals(lookup("#profile-capabilities", TextField.class).getText()));
    }

    @AfterEach
    void stop() throws Exception {
        closeConsoles();
        backend.close();
    }

    private ApplicationProfile stored() throws Exception {
        Console.Profiles p = backend.call(MessageType.PROFILES_LIST, new Console.ListProfiles(v1.applicationId()));
        return p.applicationProfiles().get(0);
    }

    private String status() {
        return lookup("#profile-status", Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private void saveAndConfirm(String expectedChangedField) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.S);
        try {
            waitUntil("the diff is shown", () -> present("#diff-table") && present("#confirm-save"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (the editor says: " + onFx(this::status) + ")", e);
        }
        TableView<ProfileDiff.Change> diff = lookup("#diff-table", TableView.class);
        assertThat(onFx(() -> diff.getItems().stream().map(ProfileDiff.Change::field).toList())).contains(expectedChangedField);
        robot.clickOn("#confirm-save");
    }

    @Test
    void aChangeIsReviewedThenSavedAndAConflictIsReappliedOnTheirVersion() throws Exception {
        onFxRun(() -> lookup("#profile-capabilities", TextField.class).setText("groups, members"));
        saveAndConfirm("capabilities");
        waitUntil("saved as version 2", () -> status() != null && status().contains("version 2"));
        assertThat(stored().serviceInterfaceDescription().capabilities()).containsExactly("groups", "members");

        // This console edits version 2; meanwhile someone else saves version 3 (another protocol).
        onFxRun(() -> lookup("#profile-capabilities", TextField.class).setText("groups, members, calls"));
        ApplicationProfile v2 = stored();
        backend.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(v2.applicationProfileId(),
                v2.applicationProfileIndex(), v2.applicationId(), v2.authorizedService(), null,
                new ServiceInterfaceDescription(List.of("HTTP", "HTTPS"), v2.serviceInterfaceDescription().capabilities(),
                        v2.serviceInterfaceDescription().messages()), null, null, null), 2L));

        // Flagged at once, before any save is tried; Ctrl+S then explains instead of diffing against version 2.
        waitUntil("their version is shown", () -> lookup("#conflict-panel", VBox.class).isVisible());
        robot.push(KeyCode.CONTROL, KeyCode.S);
        waitUntil("Ctrl+S says to resolve first", () -> status() != null && status().contains("reapply your changes"));
        assertThat(dialogShowing()).as("no review against the stale version").isFalse();
        assertThat(stored().version()).isEqualTo(3L); // nothing of ours was written
        onFxRun(() -> lookup("#reapply", javafx.scene.control.Button.class).fire());
        waitUntil("the edits sit on their version", () -> !lookup("#conflict-panel", VBox.class).isVisible());
        assertThat(lookup("#profile-protocols", TextField.class).getText()).isEqualTo("HTTP, HTTPS");
        assertThat(lookup("#profile-capabilities", TextField.class).getText()).isEqualTo("groups, members, calls");

        saveAndConfirm("capabilities");
        waitUntil("saved as version 4", () -> status() != null && status().contains("version 4"));
        ApplicationProfile v4 = stored();
        assertThat(v4.serviceInterfaceDescription().protocols()).containsExactly("HTTP", "HTTPS");
        assertThat(v4.serviceInterfaceDescription().capabilities()).containsExactly("groups", "members", "calls");
    }

    @Test
    void anInvalidFieldIsNamedAndNothingIsSent() throws Exception {
        onFxRun(() -> lookup("#profile-protocols", TextField.class).setText("HTTP, not an id"));
        robot.push(KeyCode.CONTROL, KeyCode.S);
        waitUntil("the field is named", () -> status() != null && status().contains("Protocols"));
        assertThat(present("#diff-table")).isFalse();
        assertThat(stored().version()).isEqualTo(1L);
    }
}
