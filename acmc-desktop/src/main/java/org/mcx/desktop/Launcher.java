package org.mcx.desktop;

import org.mcx.desktop.shell.DemoMode;

/**
 * The jar's Main-Class. It does not extend {@code Application}: launched from the classpath
 * ({@code java -jar}), a main class that does fails with "JavaFX runtime components are missing".
 * The demo is offered where it is installed (acmc-demo, found on the class path); it has its own
 * launcher too, {@code org.mcx.demo.DemoMain}.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ConsoleApp.launch(LaunchOptions.parse(args), DemoMode.installed());
    }
}
