package org.mcx.desktop.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.testing.Direct;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;

/** The profile editor's logic without the toolkit: validation naming the field, the diff, reapplying on their version. */
class ProfileEditorViewModelTest {
    ProfileEditorViewModel vm;
    ApplicationProfile v2 = profile(2, List.of("HTTP"), List.of("groups"), List.of("GET /groups"));

    static ApplicationProfile profile(long version, List<String> protocols, List<String> caps, List<String> messages) {
        return new ApplicationProfile("ap-1", 0, "app-1", new ServiceRef(ServiceType.GM, "CSC-2"), null,
                new ServiceInterfaceDescription(protocols, caps, messages), version, Instant.EPOCH, "olga");
    }

    @BeforeEach
    void edit() {
        vm = new ProfileEditorViewModel(Direct.context(null));
        vm.edit(v2);
    }

    @Test
    void theFormShowsTheProfileAndAnUnchangedFormHasNoDiff() {
        assertThat(vm.capabilitiesProperty().get()).isEqualTo("groups");
        assertThat(vm.messagesProperty().get()).isEqualTo("GET /groups");
        assertThat(vm.diff()).isEmpty();
    }

    @Test
    void aBadValueIsRefusedNamingTheFormField() {
        vm.protocolsProperty().set("HTTP, not an id");
        ProfileEditorViewModel.Result r = vm.build();
        assertThat(r.valid()).isFalse();
        assertThat(r.field()).isEqualTo("protocols");

        vm.protocolsProperty().set("HTTP");
        vm.serviceInterfaceProperty().set("CSC-3");
        assertThat(vm.build().field()).isEqualTo("interface");
    }

    @Test
    void theDiffListsExactlyTheChangedFields() {
        vm.capabilitiesProperty().set("groups,  members");
        assertThat(vm.diff()).containsExactly(new ProfileDiff.Change("capabilities", "groups", "groups, members"));
    }

    @Test
    void reapplyingKeepsTheirChangesAndPutsMineOnTop() {
        vm.capabilitiesProperty().set("groups, members");
        ApplicationProfile theirs = profile(3, List.of("HTTP", "HTTPS"), List.of("groups"), List.of("GET /groups", "GET /groups/{id}"));
        vm.theirsProperty().set(theirs);
        assertThat(vm.theirChanges(v2)).extracting(ProfileDiff.Change::field).containsExactly("protocols", "messages");

        vm.reapplyOnTheirs();

        assertThat(vm.baseProperty().get().version()).isEqualTo(3);
        assertThat(vm.theirsProperty().get()).isNull();
        assertThat(vm.protocolsProperty().get()).isEqualTo("HTTP, HTTPS");
        assertThat(vm.messagesProperty().get()).isEqualTo("GET /groups\nGET /groups/{id}");
        assertThat(vm.capabilitiesProperty().get()).isEqualTo("groups, members");
        assertThat(vm.diff()).containsExactly(new ProfileDiff.Change("capabilities", "groups", "groups, members"));
    }

    @Test
    void anotherSaveShowsInAnUntouchedFormAndIsFlaggedAtOnceInAnEditedOne() {
        assertThat(vm.dirtyProperty().get()).isFalse();
        ApplicationProfile v3 = profile(3, List.of("HTTP", "HTTPS"), List.of("groups"), List.of("GET /groups"));
        vm.stored(v3);
        assertThat(vm.baseProperty().get().version()).as("untouched: simply shows theirs").isEqualTo(3);
        assertThat(vm.protocolsProperty().get()).isEqualTo("HTTP, HTTPS");
        assertThat(vm.theirsProperty().get()).isNull();

        vm.capabilitiesProperty().set("groups, members");
        assertThat(vm.dirtyProperty().get()).isTrue();
        ApplicationProfile v4 = profile(4, List.of("HTTP"), List.of("groups"), List.of("GET /groups"));
        vm.stored(v4);
        assertThat(vm.theirsProperty().get()).as("edited: flagged before any save is tried").isEqualTo(v4);
        assertThat(vm.capabilitiesProperty().get()).as("the edits stay").isEqualTo("groups, members");
        assertThat(vm.statusProperty().get()).as("the conflict panel says it, once").isNull();
        assertThat(vm.save()).as("no save against the stale version").isCompletedExceptionally();

        vm.stored(v3); // an older list arriving late changes nothing
        assertThat(vm.theirsProperty().get()).isEqualTo(v4);
    }

    @Test
    void aNewProfileStartsEmptyAndIsDirtyOnceSomethingIsTyped() {
        vm.edit(null);
        assertThat(vm.capabilitiesProperty().get()).isEmpty();
        assertThat(vm.applicationIdProperty().get()).isEmpty();
        assertThat(vm.dirtyProperty().get()).isFalse();
        vm.capabilitiesProperty().set("groups");
        assertThat(vm.dirtyProperty().get()).isTrue();
    }
}
