package org.mcx.backend.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether this node should be given work: every check answers null when all is well, or a reason a
 * load balancer's operator can read. A node that is stopping is not ready, so that a balancer
 * drains it before its connections are closed.
 */
public final class Readiness {
    private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();
    private volatile boolean stopping;

    public Readiness add(String name, Supplier<String> check) {
        checks.put(name, check);
        return this;
    }

    public void stopping() {
        stopping = true;
    }

    /** The reasons this node is not ready; empty when it is. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (stopping) {
            problems.add("stopping");
        }
        checks.forEach((name, check) -> {
            String problem;
            try {
                problem = check.get();
            } catch (RuntimeException e) {
                problem = e.toString();
            }
            if (problem != null) {
                problems.add(name + ": " + problem);
            }
        });
        return problems;
    }
}
