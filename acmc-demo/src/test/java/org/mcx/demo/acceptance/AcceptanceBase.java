package org.mcx.demo.acceptance;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.mcx.demo.DemoOptions;
import org.mcx.demo.DemoSystems;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.shell.ConsoleWindow;
import org.mcx.desktop.shell.ShellView;
import org.mcx.desktop.shell.ThemeSwitch;
import org.mcx.desktop.testing.FxTest;
import org.mcx.desktop.testing.Png;
import org.mcx.desktop.testing.Problems;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * The demo, started once for a whole acceptance class, with a user of every console role on the
 * primary and a second application with two profiles (so the profile editor has something to edit
 * before the sample application is approved). Every step is watched: an uncaught exception or a
 * logged error fails the test that caused it. Screenshots go to {@code screenshots.dir}
 * ({@code target/screenshots} unless told; README's command writes {@code docs/screenshots}).
 */
abstract class AcceptanceBase extends FxTest {
    static final Path SHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    static final String PASSWORD = "acceptance-password";
    /** Who logs in as which role on the primary (the admin is the demo's own). */
    static final List<String> OPERATOR_VIEWER_APPROVER = List.of("olga", "victor", "april");

    static Path dir;
    static DemoSystems demo;
    static Problems problems;
    static ProtocolClient otherAdmin;

    @BeforeAll
    static void startDemo() throws Exception {
        dir = Files.createTempDirectory("acmc-acceptance-");
        demo = DemoSystems.start(DemoOptions.defaults(dir).withCallEvery(Duration.ofMillis(500)));
        demo.ready().get(60, TimeUnit.SECONDS);
        try (ProtocolClient setup = client(DemoOptions.ADMIN, DemoOptions.ADMIN_PASSWORD)) {
            // Another administrator, at another console: the one who saves first.
            setup.call(MessageType.USERS_SAVE, new Console.SaveUser("ada", "Ada Admin", List.of(Role.ADMIN), false, List.of(),
                    false, PASSWORD));
        }
        otherAdmin = client("ada", PASSWORD);
        user("olga", "Olga Operator", Role.OPERATOR);
        user("victor", "Victor Viewer", Role.VIEWER);
        user("april", "April Approver", Role.APPROVER);
        Console.ApplicationCreated fleet = call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Fleet tracker", true));
        profile(fleet.applicationId(), ServiceType.GM, "CSC-2", "groups");
        profile(fleet.applicationId(), ServiceType.CM, "CSC-4", "configuration");
        problems = Problems.watch();
    }

    @AfterAll
    static void stopDemo() {
        if (problems != null) {
            problems.close();
        }
        if (otherAdmin != null) {
            otherAdmin.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @AfterEach
    void nothingWentWrong() throws Exception {
        closeConsoles();
        problems.assertNone("closing the consoles");
    }

    private static ProtocolClient client(String user, String password) throws Exception {
        ProtocolClient c = ProtocolClient.builder(demo.primaryUp().get(), Endpoint.ACMC)
                .authenticator(Authenticator.login(user, password)).name("acceptance-" + user).build();
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }

    private static void user(String id, String name, Role role) throws Exception {
        call(MessageType.USERS_SAVE, new Console.SaveUser(id, name, List.of(role), false, List.of(), false, PASSWORD));
    }

    private static void profile(String applicationId, ServiceType type, String iface, String capability) throws Exception {
        call(MessageType.PROFILES_SAVE, new Console.SaveProfile(new ApplicationProfile(null, null, applicationId,
                new ServiceRef(type, iface), null, new ServiceInterfaceDescription(List.of("HTTP"), List.of(capability),
                List.of()), null, null, null), 0L));
    }

    /** A request from another administrator's console. */
    @SuppressWarnings("unchecked")
    static <R extends Body> R call(MessageType type, Body body) throws Exception {
        return (R) otherAdmin.request(type, body, type.responseBody()).get(10, TimeUnit.SECONDS);
    }

    /** Logs in to the primary ({@code partner} false) or the partner as {@code user} and shows the console in {@code into}. */
    ConsoleWindow openAs(String user, boolean partner, Stage into) throws Exception {
        URI uri = partner ? demo.partnerUp().get() : demo.primaryUp().get();
        String password = switch (user) {
            case DemoOptions.ADMIN -> DemoOptions.ADMIN_PASSWORD;
            case DemoOptions.APPROVER -> DemoOptions.APPROVER_PASSWORD;
            default -> PASSWORD;
        };
        ConsoleSession session = consoles.opener().replayHistory().open(uri, user, password, null,
                partner ? DemoOptions.PARTNER_ID + " (partner)" : DemoOptions.PRIMARY_ID + " (primary)")
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        ConsoleWindow w = onFx(() -> consoles.open(into, session));
        idle();
        return w;
    }

    /** Sizes the window and sets the theme. */
    void apply(Look look, Stage s) throws Exception {
        onFxRun(() -> {
            new ThemeSwitch(look.dark());
            s.setX(0);
            s.setY(0);
            s.setWidth(look.width());
            s.setHeight(look.height());
        });
        waitUntil("the window is " + look, () -> Math.abs(s.getScene().getWidth() - look.width()) < 2
                && Math.abs(s.getScene().getHeight() - look.height()) < 2);
        idle();
    }

    /** Shows a view by its keyboard shortcut, the way a person would. */
    void showByKey(ConsoleWindow w, String pageId) throws Exception {
        String key = ShellView.accelerator(pageId).replace("Ctrl+", "");
        robot.push(KeyCode.CONTROL, KeyCode.getKeyCode(key));
        waitUntil("Ctrl+" + key + " shows " + pageId, () -> w.shell().current() != null && w.shell().current().id().equals(pageId));
        idle();
    }

    void shot(Parent root, String name) throws Exception {
        Png.write(onFx(() -> Png.snapshot(root)), SHOTS.resolve(name + ".png"));
    }

    static Parent root(Stage s) throws Exception {
        return onFx(() -> s.getScene().getRoot());
    }
}
