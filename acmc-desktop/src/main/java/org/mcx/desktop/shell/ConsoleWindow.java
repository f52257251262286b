package org.mcx.desktop.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.applications.ApplicationsView;
import org.mcx.desktop.applications.ApplicationsViewModel;
import org.mcx.desktop.audit.AuditView;
import org.mcx.desktop.audit.AuditViewModel;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.ViewContext;
import org.mcx.desktop.groups.GroupsView;
import org.mcx.desktop.groups.GroupsViewModel;
import org.mcx.desktop.identities.IdentitiesView;
import org.mcx.desktop.identities.IdentitiesViewModel;
import org.mcx.desktop.nodes.NodesView;
import org.mcx.desktop.nodes.NodesViewModel;
import org.mcx.desktop.notifications.EventText;
import org.mcx.desktop.notifications.ImportantEvents;
import org.mcx.desktop.notifications.NotificationsView;
import org.mcx.desktop.notifications.NotificationsViewModel;
import org.mcx.desktop.overview.OverviewView;
import org.mcx.desktop.overview.OverviewViewModel;
import org.mcx.desktop.partners.PartnersView;
import org.mcx.desktop.partners.PartnersViewModel;
import org.mcx.desktop.partners.RequestsView;
import org.mcx.desktop.partners.RequestsViewModel;
import org.mcx.desktop.profiles.ProfilesView;
import org.mcx.desktop.profiles.ProfilesViewModel;
import org.mcx.desktop.services.ServicesView;
import org.mcx.desktop.services.ServicesViewModel;
import org.mcx.desktop.users.UsersView;
import org.mcx.desktop.users.UsersViewModel;
import org.mcx.protocol.wire.MessageType;

/**
 * One console window for one session: builds every page the user's roles allow (what they may not
 * do is not shown; the server enforces it anyway), wires the event feed, shows the shell.
 */
public final class ConsoleWindow implements AutoCloseable {
    private final ViewContext ctx;
    private final Stage stage;
    private final ShellView shell;
    private final NotificationsViewModel notifications;
    private final List<Page> pages = new ArrayList<>();

    public ConsoleWindow(ViewContext ctx, ThemeSwitch theme, Stage stage) {
        this.ctx = ctx;
        this.stage = stage;
        var session = ctx.session();
        notifications = new NotificationsViewModel(new EventText(ctx.i18n(), ctx.names()),
                new ImportantEvents(session)::important);
        session.onEvent(notifications::add);
        ctx.names().revisionProperty().addListener((o, was, now) -> notifications.redescribe());
        ctx.names().start();

        var i18n = ctx.i18n();
        pages.add(new OverviewView(new OverviewViewModel(ctx, notifications), i18n));
        lazy("services", "nav.services", Feather.SERVER, () -> new ServicesView(new ServicesViewModel(ctx), i18n));
        lazy("applications", "nav.applications", Feather.BOX,
                () -> new ApplicationsView(new ApplicationsViewModel(ctx), ctx));
        lazy("profiles", "nav.profiles", Feather.SLIDERS, () -> new ProfilesView(new ProfilesViewModel(ctx), ctx));
        lazy("requests", "nav.requests", Feather.REPEAT, () -> new RequestsView(new RequestsViewModel(ctx), ctx));
        pages.add(new NotificationsView(notifications, i18n, () -> stage));
        if (session.may(MessageType.AUDIT_LIST)) {
            lazy("audit", "nav.audit", Feather.FILE_TEXT, () -> new AuditView(new AuditViewModel(ctx), ctx));
        }
        if (session.may(MessageType.USERS_LIST)) {
            lazy("users", "nav.users", Feather.USERS, () -> new UsersView(new UsersViewModel(ctx), ctx));
        }
        if (session.may(MessageType.GROUPS_LIST)) { // every role reads them; administrators edit
            lazy("groups", "nav.groups", Feather.LAYERS, () -> new GroupsView(new GroupsViewModel(ctx), ctx));
        }
        if (session.may(MessageType.NODES_LIST)) {
            lazy("nodes", "nav.nodes", Feather.CPU, () -> new NodesView(new NodesViewModel(ctx), ctx));
        }
        if (session.may(MessageType.PARTNERS_LIST)) {
            lazy("partners", "nav.partners", Feather.GLOBE, () -> new PartnersView(new PartnersViewModel(ctx), ctx));
        }
        lazy("identities", "nav.identities", Feather.SHIELD,
                () -> new IdentitiesView(new IdentitiesViewModel(ctx), ctx));
        shell = new ShellView(new ShellViewModel(session, new LinkText(ctx.i18n())), pages, ctx.tasks(),
                notifications, ctx.i18n(), theme);
        session.deliverEvents(); // everything listens now: the events since the log-in, then live ones
    }

    /** A page built when first shown; the id, title and icon must match the page's own. */
    private void lazy(String id, String titleKey, org.kordamp.ikonli.Ikon icon, java.util.function.Supplier<Page> factory) {
        pages.add(new org.mcx.desktop.common.LazyPage(id, ctx.i18n().get(titleKey), icon, factory));
    }

    /** Shows the window at {@code width} × {@code height}. */
    public void show(double width, double height) {
        stage.setTitle(ctx.i18n().get("shell.title", ctx.session().systemLabel(), ctx.session().user().mcServiceId()));
        stage.setScene(shell.scene(width, height));
        // The stage may have shown the small demo splash before: size and centre it for the console.
        stage.sizeToScene();
        stage.centerOnScreen();
        stage.show();
    }

    public ShellView shell() {
        return shell;
    }

    public List<Page> pages() {
        return pages;
    }

    public NotificationsViewModel notifications() {
        return notifications;
    }

    public ViewContext context() {
        return ctx;
    }

    public void addToolbarButton(Button b) {
        shell.addToolbarButton(b);
    }

    public void setSidePanel(Node panel) {
        shell.setRight(panel);
    }

    @Override
    public void close() {
        ctx.session().close();
    }
}
