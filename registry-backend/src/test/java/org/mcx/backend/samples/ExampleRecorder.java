package org.mcx.backend.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mcx.example.ExampleEvent;
import org.mcx.example.ExampleListener;

/** What an example application reported, in order; tests wait on it with a bound, never a sleep. */
final class ExampleRecorder implements ExampleListener {
    private final BlockingQueue<ExampleEvent> pending = new LinkedBlockingQueue<>();
    private final List<ExampleEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void on(ExampleEvent event) {
        all.add(event);
        pending.add(event);
    }

    /** The next event of {@code type} matching {@code match}; the ones passed over are skipped. */
    <T extends ExampleEvent> T next(Class<T> type, Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + SampleFixture.WAIT.toNanos();
        while (true) {
            ExampleEvent e = pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(e).as("a matching %s within %s; so far: %s", type.getSimpleName(), SampleFixture.WAIT, all)
                    .isNotNull();
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
    }

    <T extends ExampleEvent> T next(Class<T> type) throws InterruptedException {
        return next(type, e -> true);
    }

    List<ExampleEvent> all() {
        return all;
    }
}
