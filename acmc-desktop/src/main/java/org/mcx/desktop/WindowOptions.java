package org.mcx.desktop;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the console's windows, shared by the console's command line and the demo's
 * (a picocli mixin): theme, window size, and the launch-time benchmark's hidden switch.
 */
public final class WindowOptions {
    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dark", description = "Start with the dark theme.")
    boolean dark;

    @Option(names = "--window-size", paramLabel = "WIDTHxHEIGHT",
            description = "Size of the console windows, e.g. 1024x700 (default: 1280x800).")
    String windowSize;

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Benchmark: log the time from JVM start to the first interactive window, then exit.")
    boolean exitWhenReady;

    public boolean dark() {
        return dark;
    }

    public boolean exitWhenReady() {
        return exitWhenReady;
    }

    /** {width, height} from --window-size, or null for the default. */
    public double[] windowSize() {
        if (windowSize == null) {
            return null;
        }
        String[] parts = windowSize.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw badSize();
        }
        try {
            return new double[] {Math.max(640, Integer.parseInt(parts[0].trim())), Math.max(480, Integer.parseInt(parts[1].trim()))};
        } catch (NumberFormatException e) {
            throw badSize();
        }
    }

    private CommandLine.ParameterException badSize() {
        return new CommandLine.ParameterException(spec.commandLine(), "--window-size: WIDTHxHEIGHT, e.g. 1024x700");
    }

    /**
     * Parses {@code args} into {@code command}, whose {@code window} are these options mixed in;
     * prints the usage and exits on a mistake, {@code --help} or {@code --version}, as a command line does.
     */
    public static <T> T parse(T command, java.util.function.Function<T, WindowOptions> window, String... args) {
        CommandLine cl = new CommandLine(command);
        try {
            cl.parseArgs(args);
            window.apply(command).windowSize(); // a bad size is reported here, with the usage
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
        return command;
    }
}
