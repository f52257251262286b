package org.mcx.protocol.client;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects what a listener receives, and on which threads, so tests can wait for it without sleeping. */
public final class Recorder<T> implements Consumer<T> {
    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final List<T> all = new CopyOnWriteArrayList<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void accept(T value) {
        threads.add(Thread.currentThread().getName());
        all.add(value);
        queue.add(value);
    }

    /** The next value, waiting up to {@link ScriptedServer#WAIT}. */
    public T next() throws InterruptedException {
        T value = queue.poll(ScriptedServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (value == null) {
            throw new AssertionError("nothing received within " + ScriptedServer.WAIT + "; so far " + all);
        }
        return value;
    }

    /** The next value that matches, skipping others. */
    public T await(Predicate<T> matching) throws InterruptedException {
        while (true) {
            T value = next();
            if (matching.test(value)) {
                return value;
            }
        }
    }

    public List<T> all() {
        return List.copyOf(all);
    }

    public Set<String> threads() {
        return Set.copyOf(threads);
    }
}
