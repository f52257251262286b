package org.mcx.desktop.common;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Control;
import javafx.scene.control.Label;

/**
 * Checks a form as it is typed: each rule names its field and says what is wrong (null when all is
 * well); a field the person has changed and whose rule fails is marked with the theme's danger
 * state, and the first problem is shown in words under the form.
 *
 * <p>It replaces ControlsFX's {@code ValidationSupport} in dialogs: that one wraps the scene's root
 * in a decoration pane, so a {@code Dialog} whose pane it wrapped throws "DialogPane … is already
 * inside a scene-graph" from {@code showAndWait} (controlsfx#730) and opens nothing.
 */
public final class FormCheck {
    private record Rule(Control field, Supplier<String> problem) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<Control> touched = new ArrayList<>();
    private final SimpleBooleanProperty invalid = new SimpleBooleanProperty();
    private final SimpleStringProperty problem = new SimpleStringProperty();

    /** Adds a rule for {@code field}, checked whenever {@code value} changes (and any other rule's value). */
    public FormCheck rule(Control field, ObservableValue<?> value, Supplier<String> check) {
        rules.add(new Rule(field, check));
        value.addListener((o, was, now) -> {
            if (!touched.contains(field)) {
                touched.add(field);
            }
            check();
        });
        check();
        return this;
    }

    /** Checks every rule again (after something the rules read changed outside the fields). */
    public void check() {
        String first = null;
        for (Rule r : rules) {
            String p = r.problem().get();
            boolean mark = p != null && touched.contains(r.field());
            r.field().pseudoClassStateChanged(Styles.STATE_DANGER, mark);
            if (first == null && p != null) {
                first = p;
            }
        }
        problem.set(first);
        invalid.set(first != null);
    }

    public ReadOnlyBooleanProperty invalidProperty() {
        return invalid;
    }

    /** The first problem in words, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** A wrapping line that says what is still wrong (empty when nothing is). */
    public Label messageLabel() {
        Label l = new Label();
        l.textProperty().bind(problem);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setId("form-problem");
        return l;
    }
}
