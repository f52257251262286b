package org.mcx.demo;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.shell.Consoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's start, whichever way it is asked for ({@link DemoMain}, the console's {@code --demo}
 * or the connect window's "Start demo", through {@link Demo}): starts the demo systems in this process,
 * logs in to the primary as its administrator as soon as it answers, and adds the demo's extras
 * (the "try this" guide and a button that opens the partner's console as its approver).
 */
public final class DemoLauncher {
    private static final Logger log = LoggerFactory.getLogger(DemoLauncher.class);

    /** Makes the options when the demo starts (creating its temporary directory). */
    @FunctionalInterface
    public interface OptionsFactory {
        DemoOptions create() throws Exception;
    }

    private final Consoles consoles;
    private final Tasks tasks;
    private final I18n i18n;
    private final OptionsFactory options;
    private final boolean exitWhenReady;
    private DemoSystems systems;

    /** The console's windows, sessions and task helper come from {@code consoles}; the demo's text is its own. */
    public DemoLauncher(Consoles consoles, OptionsFactory options, boolean exitWhenReady) {
        this.consoles = consoles;
        this.tasks = consoles.tasks();
        this.i18n = Demo.text();
        this.options = options;
        this.exitWhenReady = exitWhenReady;
    }

    /** Starts everything; the returned future completes with the primary's console window. */
    public CompletableFuture<ConsoleWindow> start(Stage stage) {
        return start(stage, null);
    }

    /** As {@link #start(Stage)}, with systems already starting (the launcher starts them before the toolkit). */
    public CompletableFuture<ConsoleWindow> start(Stage stage, DemoSystems starting) {
        Label status = new Label(i18n.get("demo.starting"));
        status.setWrapText(true);
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setMaxWidth(Double.MAX_VALUE);
        VBox splash = new VBox(12, status, bar);
        splash.setPadding(new Insets(24));
        stage.setTitle(i18n.get("demo.title"));
        stage.setScene(new Scene(splash, 520, 150));
        stage.show();
        if (exitWhenReady) {
            log.info("splash shown after {} ms (JVM start to the demo's progress window)", sinceJvmStart());
        }
        Platform.runLater(org.mcx.desktop.shell.UiWarmUp::run); // after the splash's first frame
        CompletableFuture<ConsoleWindow> shown = new CompletableFuture<>();
        tasks.call("start the demo", () -> {
            try {
                systems = starting != null ? starting : DemoSystems.startPrimaryFirst(options.create());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
            consoles.onStop(systems);
            return systems.primaryUp().thenCompose(uri -> consoles.opener().replayHistory()
                    .open(uri, DemoOptions.ADMIN, DemoOptions.ADMIN_PASSWORD, null, DemoOptions.PRIMARY_ID + " (primary)"));
        }).onSuccess(session -> shown.complete(showPrimary(stage, session)))
                .onError(f -> {
                    log.error("the demo could not start", f);
                    if (systems != null) {
                        systems.startTheRest(); // nothing waits any more for a window that will not come
                    }
                    status.setText(i18n.get("demo.failed", f.getMessage()));
                    bar.setVisible(false);
                    shown.completeExceptionally(f);
                }).start();
        return shown;
    }

    private ConsoleWindow showPrimary(Stage stage, ConsoleSession session) {
        ConsoleWindow window = consoles.open(stage, session);
        Button partner = Icons.labelled(Feather.EXTERNAL_LINK, i18n.get("demo.openPartner"));
        partner.setId("open-partner");
        partner.setOnAction(e -> openPartner());
        window.addToolbarButton(partner);
        stage.getScene().getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+P"),
                this::openPartner);
        partner.setTooltip(new javafx.scene.control.Tooltip(i18n.get("demo.openPartner") + " (Ctrl+Shift+P)"));
        DemoProgress progress = new DemoProgress(session, tasks).follow();
        // Expanded on a large screen; in a small window it starts as a narrow strip.
        TryThisPanel guide = new TryThisPanel(i18n, window.shell()::show, this::openPartner, progress,
                stage.getScene().getWidth() >= 1200);
        systems.onExampleEvent(e -> Platform.runLater(() -> guide.sampleApplication(e)));
        window.setSidePanel(guide.node());
        systems.ready().whenComplete((ok, f) -> Platform.runLater(() -> guide.ready(f)));
        // The window is shown; after the next pulse has laid it out and it takes input, the rest starts.
        Platform.runLater(systems::startTheRest);
        if (exitWhenReady) {
            Platform.runLater(() -> {
                log.info("interactive after {} ms (JVM start to the primary's console window, demo mode; process CPU {} ms)",
                        sinceJvmStart(), cpuMillis());
                systems.ready().whenComplete((ok, f) -> Platform.runLater(() -> {
                    log.info("everything ready after {} ms (samples registered, the application waiting, partners linked)",
                            sinceJvmStart());
                    stage.hide();
                }));
            });
        }
        return window;
    }

    /** CPU time this process used so far, all threads: the part of launch time that load on the machine cannot explain. */
    private static long cpuMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
    }

    /** From the start of the JVM the user launched (the parent, when the demo runs in a tuned child). */
    private static long sinceJvmStart() {
        return System.currentTimeMillis()
                - Long.getLong("acmc.launchedAt", ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Opens the partner system's console in a second window, logged in as its approver. */
    public CompletableFuture<ConsoleWindow> openPartner() {
        CompletableFuture<ConsoleWindow> opened = new CompletableFuture<>();
        tasks.call("open the partner's console", () -> systems.partnerUp().thenCompose((URI uri) -> consoles.opener().replayHistory()
                        .open(uri, DemoOptions.APPROVER, DemoOptions.APPROVER_PASSWORD, null, DemoOptions.PARTNER_ID + " (partner)")))
                .onSuccess(session -> {
                    Stage second = new Stage();
                    opened.complete(consoles.open(second, session));
                })
                .onError(opened::completeExceptionally).start();
        return opened;
    }

    public DemoSystems systems() {
        return systems;
    }
}
