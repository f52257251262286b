package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;

/** The log-on gate's admission and turn order, on an executor the test runs by hand. */
class PasswordChecksTest {
    private final ArrayDeque<Runnable> cpu = new ArrayDeque<>();
    private final List<String> hashed = new ArrayList<>();

    private void runOneHash() {
        cpu.poll().run();
    }

    private CompletableFuture<String> logOn(PasswordChecks gate, String connection, String address) {
        PasswordChecks.Ticket ticket = gate.admit(connection, address, 1);
        return ticket.hash(() -> {
            hashed.add(connection);
            return connection;
        }).whenComplete((r, e) -> ticket.close());
    }

    @Test
    void oneCheckPerConnectionAndABoundPerAddressAndInAllRefusedAtOnce() {
        PasswordChecks gate = new PasswordChecks(cpu::add, 1, 4, 2);
        logOn(gate, "a1", "10.0.0.1");
        assertThatThrownBy(() -> gate.admit("a1", "10.0.0.1", 1))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.RATE_LIMITED));
        logOn(gate, "a2", "10.0.0.1");
        assertThatThrownBy(() -> gate.admit("a3", "10.0.0.1", 1)).as("third from one address").isInstanceOf(ProtocolException.class);
        logOn(gate, "b1", "10.0.0.2");
        logOn(gate, "c1", "10.0.0.3");
        assertThatThrownBy(() -> gate.admit("d1", "10.0.0.4", 1)).as("fifth in all").isInstanceOf(ProtocolException.class);
        assertThat(gate.pending()).isEqualTo(4);

        while (!cpu.isEmpty()) {
            runOneHash();
        }
        assertThat(gate.pending()).as("every place given back").isZero();
        logOn(gate, "a1", "10.0.0.1"); // and taken again
    }

    @Test
    void addressesTakeTurnsSoAFloodingAddressWaitsBehindItself() {
        PasswordChecks gate = new PasswordChecks(cpu::add, 1, 100, 50);
        for (int i = 0; i < 5; i++) {
            logOn(gate, "attacker-" + i, "10.6.6.6");
        }
        logOn(gate, "admin", "10.0.0.1");
        logOn(gate, "operator", "10.0.0.2");
        while (!cpu.isEmpty()) {
            runOneHash();
        }
        // The first attacker was already hashing and the second's turn came before the others
        // arrived; then every address has its turn before the flooding one has another.
        assertThat(hashed).containsExactly("attacker-0", "attacker-1", "admin", "operator", "attacker-2",
                "attacker-3", "attacker-4");
    }

    @Test
    void noMoreHashAtOnceThanItsParallelism() {
        PasswordChecks gate = new PasswordChecks(cpu::add, 2, 100, 50);
        for (int i = 0; i < 6; i++) {
            logOn(gate, "c" + i, "10.0.0." + i);
        }
        assertThat(cpu).as("handed to the executor").hasSize(2);
        runOneHash();
        assertThat(cpu).hasSize(2);
    }

    @Test
    void aCheckWhoseConnectionClosedIsDroppedUnhashedAndGivesItsPlaceBack() {
        PasswordChecks gate = new PasswordChecks(cpu::add, 1, 10, 10);
        logOn(gate, "busy", "10.0.0.1");
        PasswordChecks.Ticket gone = gate.admit("gone", "10.6.6.6", 1);
        CompletableFuture<String> dropped = gone.hash(() -> {
            hashed.add("gone");
            return "gone";
        });
        dropped.whenComplete((r, e) -> gone.close());
        logOn(gate, "next", "10.0.0.2");

        gone.abandon();
        assertThat(dropped).isCompletedExceptionally();
        assertThat(gate.pending()).isEqualTo(2);
        while (!cpu.isEmpty()) {
            runOneHash();
        }
        assertThat(hashed).containsExactly("busy", "next");
        gone.abandon(); // again, or after the hash: nothing happens
    }

    @Test
    void aFailingHashGivesItsPlaceBack() {
        PasswordChecks gate = new PasswordChecks(cpu::add, 1, 1, 1);
        PasswordChecks.Ticket ticket = gate.admit("x", "10.0.0.1", 1);
        CompletableFuture<String> f = ticket.hash(() -> {
            throw new IllegalStateException("broken");
        });
        f.whenComplete((r, e) -> ticket.close());
        runOneHash();
        assertThat(f).isCompletedExceptionally();
        assertThat(gate.pending()).isZero();
    }
}
