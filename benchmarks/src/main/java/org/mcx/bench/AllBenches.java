package org.mcx.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs every benchmark with its defaults, in order; fails if any of them failed. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Runs echo, discovery, fanout, durable-save and stall with their defaults, in that order.")
public final class AllBenches implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int worst = 0;
        for (Object bench : List.of(new EchoBench(), new DiscoveryBench(), new FanoutBench(), new DurableSaveBench(),
                new StallBench())) {
            CommandLine cmd = new CommandLine(bench);
            cmd.setOut(spec.commandLine().getOut());
            cmd.setErr(spec.commandLine().getErr());
            worst = Math.max(worst, cmd.execute());
        }
        return worst;
    }
}
