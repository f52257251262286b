package org.mcx.desktop.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.mcx.desktop.applications.ApplicationsView;
import org.mcx.desktop.applications.ApplicationsViewModel;
import org.mcx.desktop.audit.AuditView;
import org.mcx.desktop.audit.AuditViewModel;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.ViewContext;
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
import org.mcx.protocol.MessageType;

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
        notifications = new NotificationsViewModel(new EventText(ctx.i18n()), new ImportantEvents(session)::important);
        session.onEvent(notifications::add);

        pages.add(new OverviewView(new OverviewViewModel(ctx, notifications), ctx.i18n()));
        pages.add(new ServicesView(new ServicesViewModel(ctx), ctx.i18n()));
        pages.add(new ApplicationsView(new ApplicationsViewModel(ctx), ctx));
        pages.add(new ProfilesView(new ProfilesViewModel(ctx), ctx));
        pages.add(new RequestsView(new RequestsViewModel(ctx), ctx));
        pages.add(new NotificationsView(notifications, ctx.i18n(), () -> stage));
        if (session.may(MessageType.AUDIT_LIST)) {
            pages.add(new AuditView(new AuditViewModel(ctx), ctx));
        }
        if (session.may(MessageType.USERS_LIST)) {
            pages.add(new UsersView(new UsersViewModel(ctx), ctx));
        }
        if (session.may(MessageType.NODES_LIST)) {
            pages.add(new NodesView(new NodesViewModel(ctx), ctx));
        }
        if (session.may(MessageType.PARTNERS_LIST)) {
            pages.add(new PartnersView(new PartnersViewModel(ctx), ctx));
        }
        pages.add(new IdentitiesView(new IdentitiesViewModel(ctx), ctx));
        shell = new ShellView(new ShellViewModel(session, new LinkText(ctx.i18n())), pages, ctx.tasks(),
                notifications, ctx.i18n(), theme);
    }

    public void show() {
        stage.setTitle(ctx.i18n().get("shell.title", ctx.session().systemLabel(), ctx.session().user().mcServiceId()));
        stage.setScene(shell.scene(1280, 800));
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
