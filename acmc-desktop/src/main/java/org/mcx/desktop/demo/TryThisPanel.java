package org.mcx.desktop.demo;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.backend.samples.ExampleEvent;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;

/** The demo's short guide for a first-time user, with a button per step and what the sample application is doing. */
final class TryThisPanel {
    private final I18n i18n;
    private final TitledPane root;
    private final Label sample = new Label();
    private final Label readiness = new Label();

    TryThisPanel(I18n i18n, Consumer<String> showPage, Runnable openPartner) {
        this.i18n = i18n;
        VBox steps = new VBox(10);
        steps.setPadding(new Insets(10));
        steps.setPrefWidth(300);
        readiness.setText(i18n.get("demo.startingRest"));
        readiness.setWrapText(true);
        readiness.getStyleClass().add(Styles.TEXT_MUTED);
        steps.getChildren().add(readiness);
        steps.getChildren().add(step(1, () -> showPage.accept("applications")));
        steps.getChildren().add(step(2, () -> showPage.accept("profiles")));
        steps.getChildren().add(step(3, () -> showPage.accept("requests")));
        steps.getChildren().add(step(4, openPartner));
        steps.getChildren().add(step(5, () -> showPage.accept("requests")));
        Label sampleTitle = new Label(i18n.get("demo.sampleApp"));
        sampleTitle.getStyleClass().add(Styles.TEXT_BOLD);
        sample.setWrapText(true);
        sample.setId("sample-app-status");
        sample.setText(i18n.get("demo.sample.waiting"));
        steps.getChildren().addAll(sampleTitle, sample);
        root = new TitledPane(i18n.get("demo.tryThis"), steps);
        root.setId("try-this");
        root.setCollapsible(true);
    }

    private Node step(int n, Runnable go) {
        Label text = new Label(n + ". " + i18n.get("demo.step." + n));
        text.setWrapText(true);
        Button button = Icons.iconOnly(Feather.ARROW_RIGHT_CIRCLE, i18n.get("demo.go", n));
        button.setOnAction(e -> go.run());
        VBox box = new VBox(4, text, button);
        return box;
    }

    void ready(Throwable failure) {
        readiness.setText(failure == null ? i18n.get("demo.ready") : i18n.get("demo.partial", failure.getMessage()));
    }

    /** On the UI thread: one line on what the sample application last did. */
    void sampleApplication(ExampleEvent e) {
        String line;
        if (e instanceof ExampleEvent.AuthorizationPending) {
            line = i18n.get("demo.sample.pending");
        } else if (e instanceof ExampleEvent.Configured c) {
            line = i18n.get("demo.sample.configured", c.profiles().size());
        } else if (e instanceof ExampleEvent.ProfileChanged c) {
            line = i18n.get("demo.sample.changed", c.applicationProfileId(), c.version());
        } else if (e instanceof ExampleEvent.Called c) {
            line = i18n.get("demo.sample.called", c.service().serviceType(), c.status(), c.latencyMs());
        } else if (e instanceof ExampleEvent.Error err) {
            line = err.message();
        } else {
            return;
        }
        sample.setText(line);
    }

    Node node() {
        return root;
    }
}
