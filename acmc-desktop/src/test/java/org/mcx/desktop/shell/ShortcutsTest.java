package org.mcx.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A view's shortcut is the view's own: the same for every role, whatever views come before it. */
class ShortcutsTest {
    static final List<String> EVERY_VIEW = List.of("overview", "services", "applications", "profiles", "requests",
            "notifications", "audit", "users", "nodes", "partners", "identities", "groups");

    @Test
    void everyViewHasItsOwnKeyIndependentOfTheRole() {
        assertThat(EVERY_VIEW).allSatisfy(id -> assertThat(ShellView.accelerator(id)).startsWith("Ctrl+"));
        assertThat(EVERY_VIEW.stream().map(ShellView::accelerator).distinct()).hasSize(EVERY_VIEW.size());
        // An approver has no Audit, Users, Nodes or Partners view; Server identities is still Ctrl+I.
        assertThat(ShellView.accelerator("identities")).isEqualTo("Ctrl+I");
        assertThat(ShellView.accelerator("users")).isEqualTo("Ctrl+8");
        assertThat(ShellView.accelerator("groups")).isEqualTo("Ctrl+G"); // the digits are taken: G for groups, as I for identities
    }
}
