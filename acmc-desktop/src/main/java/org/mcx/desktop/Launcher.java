package org.mcx.desktop;

import javafx.application.Platform;

/**
 * The jar's Main-Class. It does not extend {@code Application}: launched from the classpath
 * ({@code java -jar}), a main class that does fails with "JavaFX runtime components are missing".
 * In demo mode the systems start before the toolkit, so both warm up at once (launch time), in a
 * JVM tuned for start-up ({@link FastStart}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (FastStart.wanted(args)) {
            var code = FastStart.run(args);
            if (code.isPresent()) {
                System.exit(code.get());
            }
        }
        LaunchOptions options = LaunchOptions.parse(args);
        ConsoleApp app = new ConsoleApp(options);
        if (options.demo()) {
            app.prestartDemo();
        }
        Platform.startup(app::start);
    }
}
