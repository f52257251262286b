package org.mcx.desktop.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;

/** What the shell shows besides the pages: the link's state in words and whether it is up. */
public final class ShellViewModel {
    private final ConsoleSession session;
    private final LinkText text;
    private final StringProperty linkText = new SimpleStringProperty();
    private final BooleanProperty linkUp = new SimpleBooleanProperty();

    public ShellViewModel(ConsoleSession session, LinkText text) {
        this.session = session;
        this.text = text;
        session.linkProperty().addListener((o, was, now) -> update(now));
        update(session.linkProperty().get());
    }

    private void update(LinkStatus status) {
        linkUp.set(status != null && status.state() == LinkState.CONNECTED);
        linkText.set(text.describe(status, session.serverAddress(), session.user().mcServiceId()));
    }

    public ReadOnlyStringProperty linkTextProperty() {
        return linkText;
    }

    public BooleanProperty linkUpProperty() {
        return linkUp;
    }

    public String title() {
        var u = session.user();
        return session.systemLabel() + " — " + u.displayName() + " (" + u.mcServiceId() + ", "
                + String.join(", ", u.roles().stream().map(Enum::name).toList()) + ")";
    }
}
