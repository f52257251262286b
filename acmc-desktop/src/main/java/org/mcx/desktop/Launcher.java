package org.mcx.desktop;

import javafx.application.Application;

/**
 * The jar's Main-Class. It does not extend {@link Application}: launched from the classpath
 * ({@code java -jar}), a main class that does fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        LaunchOptions.parse(args); // fails early, with usage, on a bad flag
        Application.launch(ConsoleApp.class, args);
    }
}
