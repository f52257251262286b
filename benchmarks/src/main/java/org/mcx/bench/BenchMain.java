package org.mcx.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load harness. Each subcommand measures one thing against its raw baseline in the same run
 * and writes markdown tables to standard output; logs go to standard error.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "MCX Open Access load harness: figures against raw baselines measured in the same run.",
        subcommands = {EchoBench.class, DiscoveryBench.class, ClusterCostBench.class, FanoutBench.class, DurableSaveBench.class, ConcurrentSaveBench.class,
                StallBench.class, AllBenches.class, JfrSummary.class, SasSetup.class,
                        org.mcx.bench.soak.SoakBench.class})
public final class BenchMain implements Runnable {
    /** The harness's own logging configuration (quiet), unless one is given on the command line. */
    static final String LOGGING = "bench-logback.xml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
        int code = new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        // Library threads (clients' timers, Jetty's scheduler) must not keep a finished run alive.
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
