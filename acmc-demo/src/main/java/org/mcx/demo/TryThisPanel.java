package org.mcx.demo;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.example.ExampleEvent;

/**
 * The demo's short guide for a first-time user: a button per step, each step ticked off once done,
 * and what the sample application is doing. Collapsed, it is a narrow strip with its title, so a
 * small window keeps its width for the views.
 */
final class TryThisPanel {
    private static final double WIDTH = 290;

    private final I18n i18n;
    private final VBox root = new VBox(8);
    private final Label sample = new Label();
    private final Label readiness = new Label();
    private final ToggleButton toggle;
    private boolean toggledByHand;

    TryThisPanel(I18n i18n, Consumer<String> showPage, Runnable openPartner, DemoProgress progress, boolean expanded) {
        this.i18n = i18n;
        VBox steps = new VBox(10);
        steps.setPadding(new Insets(4, 10, 10, 10));
        readiness.setText(i18n.get("demo.startingRest"));
        readiness.setWrapText(true);
        readiness.setMinHeight(Region.USE_PREF_SIZE);
        readiness.getStyleClass().add(Styles.TEXT_MUTED);
        steps.getChildren().add(readiness);
        steps.getChildren().add(step(1, () -> showPage.accept("applications"), progress));
        steps.getChildren().add(step(2, () -> showPage.accept("profiles"), progress));
        steps.getChildren().add(step(3, () -> showPage.accept("requests"), progress));
        steps.getChildren().add(step(4, openPartner, progress));
        steps.getChildren().add(step(5, () -> showPage.accept("requests"), progress));
        steps.getChildren().add(step(6, () -> showPage.accept("requests"), progress));
        steps.getChildren().add(step(7, openPartner, progress));
        steps.getChildren().add(step(8, () -> showPage.accept("requests"), progress));
        steps.getChildren().add(step(9, () -> showPage.accept("requests"), progress));
        steps.getChildren().add(step(10, () -> showPage.accept("requests"), progress));
        Label sampleTitle = new Label(i18n.get("demo.sampleApp"));
        sampleTitle.getStyleClass().add(Styles.TEXT_BOLD);
        sample.setWrapText(true);
        sample.setMinHeight(Region.USE_PREF_SIZE);
        sample.setId("sample-app-status");
        sample.setText(i18n.get("demo.sample.waiting"));
        steps.getChildren().addAll(sampleTitle, sample);
        steps.setPrefWidth(WIDTH);
        steps.setMaxWidth(WIDTH);
        ScrollPane scroll = new ScrollPane(steps);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        toggle = new ToggleButton(i18n.get("demo.tryThis"));
        toggle.setId("try-this-toggle");
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        toggle.setSelected(expanded);
        toggle.setTooltip(new javafx.scene.control.Tooltip(i18n.get("demo.tryThisToggle")));
        toggle.setAccessibleText(i18n.get("demo.tryThisToggle"));
        toggle.graphicProperty().bind(toggle.selectedProperty().map(open -> Icons.icon(open ? Feather.CHEVRON_RIGHT : Feather.CHEVRON_LEFT)));
        scroll.visibleProperty().bind(toggle.selectedProperty());
        scroll.managedProperty().bind(toggle.selectedProperty());
        HBox head = new HBox(toggle);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(8, 8, 0, 8));
        root.getChildren().addAll(head, scroll);
        root.setId("try-this");
        root.getStyleClass().add("side-panel");
        // A window made narrower than a large screen folds the guide away (until the person opens it).
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.widthProperty().addListener((w, before, now) -> {
                    boolean wide = now.doubleValue() >= 1200;
                    if (!toggledByHand && wide != (before.doubleValue() >= 1200)) {
                        toggle.setSelected(wide);
                    }
                });
            }
        });
        toggle.setOnAction(e -> toggledByHand = true);
        root.maxWidthProperty().bind(toggle.selectedProperty().map(open -> open ? WIDTH + 20 : Region.USE_PREF_SIZE));

        // The answer's collection has no event: look while it may just have happened.
        Timeline look = new Timeline(new KeyFrame(Duration.seconds(2), e -> progress.checkCollected()));
        look.setCycleCount(Timeline.INDEFINITE);
        look.play();
        progress.doneProperty(DemoProgress.COLLECTED).addListener((o, was, done) -> {
            if (done) {
                look.stop();
            }
        });
    }

    private Node step(int n, Runnable go, DemoProgress progress) {
        Label text = new Label(n + ". " + i18n.get("demo.step." + n));
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setId("demo-step-" + n);
        Label mark = new Label();
        mark.setId("demo-step-" + n + "-mark");
        mark.graphicProperty().bind(progress.doneProperty(n).map(d -> Icons.icon(d ? Feather.CHECK_CIRCLE : Feather.CIRCLE)));
        mark.setAccessibleText(i18n.get("demo.stepOpen"));
        progress.doneProperty(n).addListener((o, was, d) -> {
            mark.setAccessibleText(i18n.get(d ? "demo.stepDone" : "demo.stepOpen"));
            mark.getStyleClass().remove(Styles.SUCCESS);
            if (d) {
                mark.getStyleClass().add(Styles.SUCCESS);
                text.getStyleClass().add(Styles.TEXT_MUTED);
            }
        });
        Button button = Icons.iconOnly(Feather.ARROW_RIGHT_CIRCLE, i18n.get("demo.go", n));
        button.setId("demo-go-" + n);
        button.setOnAction(e -> go.run());
        // The go button beside the text, not under it: ten steps stay readable in a 700 px high window.
        HBox line = new HBox(6, mark, text, button);
        line.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(text, Priority.ALWAYS);
        return line;
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
