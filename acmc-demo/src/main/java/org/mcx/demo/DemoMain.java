package org.mcx.demo;

import org.mcx.desktop.ConsoleApp;
import org.mcx.desktop.LaunchOptions;
import org.mcx.desktop.WindowOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The demo's own program ({@code java -jar acmc-demo.jar}, the acmc-demo package's launcher): the
 * console in demo mode, with the console's window options. Like the console's launcher it does not
 * extend {@code Application} (see there), and it hands over to a JVM tuned for start-up
 * ({@link FastStart}) when run from the jar.
 */
@Command(name = "acmc-demo", mixinStandardHelpOptions = true, versionProvider = DemoMain.Version.class,
        description = "The ACMC console in demo mode: a primary and a partner system, sample services and a sample"
                + " application run in this process, and the console logs in to the primary. Closing the window"
                + " stops everything and removes its temporary data.")
public final class DemoMain {
    @Mixin
    WindowOptions window;

    private DemoMain() {
    }

    public static void main(String[] args) {
        // Parsed here first: --help, --version and mistakes answer at once, and never leave a class-data
        // archive made by a run that only printed its usage.
        DemoMain command = WindowOptions.parse(new DemoMain(), c -> c.window, args);
        if (FastStart.wanted()) {
            var code = FastStart.run(args);
            if (code.isPresent()) {
                System.exit(code.get());
            }
        }
        ConsoleApp.launch(LaunchOptions.inDemoMode(command.window), java.util.Optional.of(new Demo()));
    }

    /** The project's version under the demo's name. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new LaunchOptions.Version("acmc-demo").getVersion();
        }
    }
}
