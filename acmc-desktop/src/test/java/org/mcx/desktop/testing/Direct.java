package org.mcx.desktop.testing;

import java.util.Locale;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.common.ViewContext;

/** Wiring for view-model tests without the JavaFX toolkit: work and results run on the calling thread. */
public final class Direct {
    public static final I18n I18N = I18n.load(Locale.ENGLISH);

    private Direct() {
    }

    public static Tasks tasks() {
        return new Tasks(Runnable::run, Runnable::run);
    }

    /** A view model's wiring; the session delivers events from now on, as a console window lets it. */
    public static ViewContext context(ConsoleSession session) {
        if (session != null) {
            session.deliverEvents();
        }
        return new ViewContext(session, tasks(), I18N, new ErrorText(I18N));
    }
}
