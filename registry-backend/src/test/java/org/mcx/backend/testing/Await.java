package org.mcx.backend.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waits, generously, for something a test can only look at again and again (a list, a table). */
public final class Await {
    private static final long LOOK_EVERY_MILLIS = 50;

    private Await() {
    }

    /**
     * Looks with {@code probe} until {@code done} accepts what it returns, and returns that; fails
     * after {@code timeoutMillis} saying {@code what} and what was last seen. A probe that throws is
     * asked again (its node may be moving), and its failure is reported if nothing better comes.
     */
    public static <T> T until(Callable<T> probe, Predicate<T> done, String what, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Object last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                T seen = probe.call();
                if (done.test(seen)) {
                    return seen;
                }
                last = seen;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(LOOK_EVERY_MILLIS);
        }
        throw new AssertionError(what + ": not within " + timeoutMillis + " ms; last seen: " + last);
    }
}
