package org.mcx.desktop.common;

import org.mcx.desktop.common.ConsoleSession;

/** What every feature's view and view model are built with: constructor wiring, no singletons. */
public record ViewContext(ConsoleSession session, Tasks tasks, I18n i18n, ErrorText errors, Names names) {
    /** With names that are loaded only once {@link Names#start()} is called (the console window does). */
    public ViewContext(ConsoleSession session, Tasks tasks, I18n i18n, ErrorText errors) {
        this(session, tasks, i18n, errors, new Names(session, tasks));
    }
}
