package org.mcx.desktop;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The console's command line. */
@Command(name = "acmc-desktop", mixinStandardHelpOptions = true, versionProvider = LaunchOptions.Version.class,
        description = "The ACMC: the administrator's console of an MCX Open Access system.")
public final class LaunchOptions {
    /** What {@code --demo} says where the demo is not installed: one sentence on where it is. */
    static final String DEMO_ELSEWHERE = "Demo mode is not part of this console: it comes with the acmc-demo package"
            + " (or run java -jar acmc-demo.jar).";

    @Mixin
    WindowOptions window;

    @Option(names = "--demo", description = "Where the demo is installed (the acmc-demo package): start a primary and a"
            + " partner system, sample services and a sample application in this process, and log in to the primary.")
    boolean demo;

    @Option(names = "--server", description = "Server address to offer in the connect window (default: the last one used).")
    String server;

    /** The options the demo's own command line gives: its window options, in demo mode. */
    public static LaunchOptions inDemoMode(WindowOptions window) {
        LaunchOptions options = new LaunchOptions();
        options.window = window;
        options.demo = true;
        return options;
    }

    public WindowOptions window() {
        return window;
    }

    public boolean demo() {
        return demo;
    }

    public String server() {
        return server;
    }

    public static LaunchOptions parse(String... args) {
        return WindowOptions.parse(new LaunchOptions(), LaunchOptions::window, args);
    }

    /** Says {@code message} as a command line's mistake and exits with its code (2). */
    static void refuse(String message) {
        new CommandLine(new LaunchOptions()).getErr().println(message);
        System.exit(2);
    }

    /** The one project version, as the backend's {@code --version} and the About dialog show it. */
    public static final class Version implements CommandLine.IVersionProvider {
        private final String name;

        public Version() {
            this("acmc-desktop");
        }

        /** For another program of the console's (the demo): its own name, the same version. */
        public Version(String name) {
            this.name = name;
        }

        @Override
        public String[] getVersion() {
            return new String[] {name + " " + org.mcx.protocol.Version.current(),
                    "Java " + System.getProperty("java.runtime.version")};
        }
    }
}
