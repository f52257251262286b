package org.mcx.desktop;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The console's command line. */
@Command(name = "acmc-desktop", mixinStandardHelpOptions = true, versionProvider = LaunchOptions.Version.class,
        description = "The ACMC: the administrator's console of an MCX Open Access system.")
public final class LaunchOptions {
    @Option(names = "--demo", description = "Start a primary and a partner system, sample services and a sample application in this process, and log in to the primary.")
    boolean demo;

    @Option(names = "--dark", description = "Start with the dark theme.")
    boolean dark;

    @Option(names = "--server", description = "Server address to offer in the connect window (default: the last one used).")
    String server;

    @Option(names = "--window-size", paramLabel = "WIDTHxHEIGHT",
            description = "Size of the console windows, e.g. 1024x700 (default: 1280x800).")
    String windowSize;

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Benchmark: log the time from JVM start to the first interactive window, then exit.")
    boolean exitWhenReady;

    public boolean exitWhenReady() {
        return exitWhenReady;
    }

    public boolean demo() {
        return demo;
    }

    public boolean dark() {
        return dark;
    }

    public String server() {
        return server;
    }

    /** {width, height} from --window-size, or null for the default. */
    public double[] windowSize() {
        if (windowSize == null) {
            return null;
        }
        String[] parts = windowSize.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--window-size: WIDTHxHEIGHT, e.g. 1024x700");
        }
        try {
            return new double[] {Math.max(640, Integer.parseInt(parts[0].trim())), Math.max(480, Integer.parseInt(parts[1].trim()))};
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--window-size: WIDTHxHEIGHT, e.g. 1024x700");
        }
    }

    public static LaunchOptions parse(String... args) {
        LaunchOptions options = new LaunchOptions();
        CommandLine cl = new CommandLine(options);
        try {
            cl.parseArgs(args);
            options.windowSize(); // a bad size is reported here, with the usage
        } catch (CommandLine.ParameterException e) {
            cl.getErr().println(e.getMessage());
            cl.usage(cl.getErr());
            System.exit(2);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(cl.getOut());
            System.exit(0);
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(cl.getOut());
            System.exit(0);
        }
        return options;
    }

    public static LaunchOptions parse(List<String> args) {
        return parse(args.toArray(String[]::new));
    }

    /** The one project version, as the backend's {@code --version} and the About dialog show it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"acmc-desktop " + org.mcx.protocol.Version.current(),
                    "Java " + System.getProperty("java.runtime.version")};
        }
    }
}
