package org.mcx.backend;

import java.util.Map;
import picocli.CommandLine;

/** The backend's command line for tests in other packages, as {@code Main} builds it. */
public final class MainAccess {
    private MainAccess() {
    }

    public static CommandLine commandLine(String[] args, Map<String, String> environment) {
        return Main.commandLine(args, environment);
    }
}
