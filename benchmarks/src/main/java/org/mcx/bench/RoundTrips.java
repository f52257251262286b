package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded loops of sequential request/response round trips: at most {@code count} of them and at
 * most {@code maxTime}. A round trip that does not finish within its watchdog throws
 * {@link TimeoutException} and counts as a stall; a run gives up after a few stalls in a row.
 */
final class RoundTrips {
    /** Stalls in a row after which the connection is taken for dead and the run stops. */
    static final int GIVE_UP_AFTER_STALLS = 3;

    /** One round trip: sends a request and returns once its answer is in, or throws TimeoutException. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;

        /** Idle time before each run, outside its timing; 0 for back-to-back round trips. */
        default long pauseNanos() {
            return 0;
        }
    }

    /** What one sequential run did. */
    record Outcome(Samples samples, int stalls, long elapsedNanos, boolean completed) {
        double perSecond() {
            return Fmt.perSecond(samples.count(), elapsedNanos);
        }
    }

    private RoundTrips() {
    }

    /** Runs up to {@code count} round trips one after the other, timing each. */
    static Outcome sequential(int count, Duration maxTime, Step step) throws Exception {
        Samples samples = new Samples();
        int stalls = 0;
        int stallsInARow = 0;
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        int done = 0;
        while (done < count && System.nanoTime() < deadline && stallsInARow < GIVE_UP_AFTER_STALLS) {
            if (step.pauseNanos() > 0) {
                LockSupport.parkNanos(step.pauseNanos());
            }
            long t0 = System.nanoTime();
            try {
                step.run();
                samples.add(System.nanoTime() - t0);
                stallsInARow = 0;
            } catch (TimeoutException e) {
                stalls++;
                stallsInARow++;
            }
            done++;
        }
        long elapsed = System.nanoTime() - start;
        return new Outcome(samples, stalls, elapsed, done == count && stallsInARow < GIVE_UP_AFTER_STALLS);
    }

    /**
     * Measures several steps in turns: each is warmed up, then they take turns in {@code blocks}
     * blocks, so that a noisy moment on the machine hits all of them rather than one. The outcome of
     * each step merges its blocks; its elapsed time is the sum of its blocks' times.
     */
    static List<Outcome> alternate(int warmup, int count, int blocks, Duration maxTime, List<Step> steps)
            throws Exception {
        long deadline = System.nanoTime() + maxTime.toNanos();
        for (Step step : steps) {
            sequential(warmup, remaining(deadline), step);
        }
        List<Samples> samples = new ArrayList<>();
        int[] stalls = new int[steps.size()];
        long[] elapsed = new long[steps.size()];
        boolean[] completed = new boolean[steps.size()];
        java.util.Arrays.fill(completed, true);
        steps.forEach(s -> samples.add(new Samples()));
        int perBlock = Math.max(1, count / Math.max(1, blocks));
        for (int done = 0; done < count; done += perBlock) {
            for (int i = 0; i < steps.size(); i++) {
                Outcome o = sequential(Math.min(perBlock, count - done), remaining(deadline), steps.get(i));
                samples.get(i).addAll(o.samples());
                stalls[i] += o.stalls();
                elapsed[i] += o.elapsedNanos();
                completed[i] &= o.completed();
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(new Outcome(samples.get(i), stalls[i], elapsed[i], completed[i]));
        }
        return out;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Runs {@code connections} sequential loops at once, one per step; the elapsed time is the wall clock of all. */
    static Outcome parallel(List<Step> steps, int countEach, Duration maxTime) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(steps.size(), Threads.named("bench-load", false));
        try {
            long start = System.nanoTime();
            List<Future<Outcome>> runs = new ArrayList<>();
            for (Step step : steps) {
                runs.add(pool.submit(() -> sequential(countEach, maxTime, step)));
            }
            Samples all = new Samples();
            int stalls = 0;
            boolean completed = true;
            for (Future<Outcome> run : runs) {
                Outcome o = run.get(maxTime.toMillis() + 10_000, TimeUnit.MILLISECONDS);
                all.addAll(o.samples());
                stalls += o.stalls();
                completed &= o.completed();
            }
            return new Outcome(all, stalls, System.nanoTime() - start, completed);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The step, after {@code pause} of idling. Pacing only: the pause is outside the step's timing
     * and waits for nothing; results are always awaited through futures.
     */
    static Step pausedBefore(Duration pause, Step step) {
        return new Step() {
            @Override
            public void run() throws Exception {
                step.run();
            }

            @Override
            public long pauseNanos() {
                return pause.toNanos();
            }
        };
    }

    /** Waits for a request's answer; its own timeout surfaces as TimeoutException, other failures as they are. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException t) {
                throw t;
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
