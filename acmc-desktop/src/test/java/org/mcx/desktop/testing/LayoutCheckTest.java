package org.mcx.desktop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.Test;

/** The acceptance suite's eye: it sees a button cut to "E…" and a field cut below its prompt, and is quiet otherwise. */
class LayoutCheckTest extends FxTest {
    @Test
    void aCutButtonAndATooNarrowFieldAreReportedAndWideOnesAreNot() throws Exception {
        Button edit = new Button("Edit the selected user");
        TextField actor = new TextField();
        actor.setPromptText("Actor of the entry");
        HBox narrow = onFx(() -> {
            HBox box = new HBox(edit, actor);
            edit.setMaxWidth(40);
            actor.setMaxWidth(30);
            stage.setScene(new Scene(box, 400, 100));
            stage.show();
            return box;
        });
        assertThat(onFx(() -> LayoutCheck.problems(narrow))).anyMatch(p -> p.contains("cut short") && p.contains("Edit the selected user"))
                .anyMatch(p -> p.contains("field too narrow"));

        onFxRun(() -> {
            edit.setMaxWidth(Double.MAX_VALUE);
            edit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            actor.setMaxWidth(Double.MAX_VALUE);
            actor.setMinWidth(200);
        });
        assertThat(onFx(() -> LayoutCheck.problems(narrow))).isEmpty();
    }
}
