package org.mcx.backend.testing;

import java.util.ArrayList;
import java.util.List;

/** A JVM that runs out of heap, as a backend under a memory attack would; for testing launch flags. */
public final class MemoryHog {
    private MemoryHog() {
    }

    public static void main(String[] args) {
        List<long[]> held = new ArrayList<>();
        while (true) {
            held.add(new long[1 << 18]);
        }
    }
}
