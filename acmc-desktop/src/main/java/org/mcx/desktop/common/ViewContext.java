package org.mcx.desktop.common;

import org.mcx.desktop.connection.ConsoleSession;

/** What every feature's view and view model are built with: constructor wiring, no singletons. */
public record ViewContext(ConsoleSession session, Tasks tasks, I18n i18n, ErrorText errors) {
}
