package org.mcx.desktop.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mcx.protocol.message.Exchange;

/**
 * The 18 steps of TR 23.700-38 figure 7.x.1.3-1 as this system knows them. Each system records only
 * its own steps (the primary 1, 2, 3, 5, 14, 16, 17, 18; the partner 4, 5, 6 or 8–12, 13); the other
 * system's steps are shown for what they are: done elsewhere — known because a later step of ours
 * depends on them, with the times this system has — or still to come there. A step the path did
 * not take (the partner's policy answered, so no approver was needed; or the other way round) is
 * marked as not needed rather than left open.
 */
public final class Timeline {
    public static final int STEPS = 18;

    /** How a step stands, as this system knows it. */
    public enum State {
        /** Recorded by this system, with its time and actor. */
        DONE,
        /** Happened at the other system; known by what followed (no time of its own unless said). */
        ELSEWHERE,
        /** Happening, or to happen, at the other system: it reports nothing until its answer. */
        AWAITED_ELSEWHERE,
        /** Waiting for someone here (an administrator to collect the answer). */
        WAITING,
        /** Not part of the path this request took. */
        NOT_NEEDED,
        /** The message could not be delivered, or an administrator cancelled it. */
        STOPPED,
        /** Not yet. */
        NOT_YET
    }

    /** One step: its state, when (this system's time, or the nearest time it has), who, and a note key. */
    public record Entry(int step, State state, Instant at, String actor, String note) {
    }

    private Timeline() {
    }

    public static List<Entry> of(Exchange.Request r) {
        Map<Integer, Exchange.Step> mine = r.steps() == null ? Map.of()
                : r.steps().stream().collect(Collectors.toMap(Exchange.Step::step, Function.identity(), (a, b) -> b));
        return r.direction() == Exchange.Direction.INCOMING ? incoming(r, mine) : outgoing(r, mine);
    }

    private static List<Entry> outgoing(Exchange.Request r, Map<Integer, Exchange.Step> mine) {
        List<Entry> out = new ArrayList<>();
        Exchange.Response answer = r.response();
        Exchange.Step stored = mine.get(5);
        Exchange.Step answerStored = mine.get(14);
        Instant answerAt = answerStored != null ? answerStored.at() : answer == null ? null : answer.receivedAt();
        boolean byPolicy = answer != null && "policy".equals(answer.decidedBy());
        for (int n = 1; n <= STEPS; n++) {
            Exchange.Step s = mine.get(n);
            if (s != null) {
                out.add(recorded(s));
                continue;
            }
            Entry e;
            if (n == 4) {
                e = stored != null ? new Entry(4, State.ELSEWHERE, stored.at(), partner(r), "timeline.beforeStored")
                        : pending(r, 4);
            } else if (n >= 6 && n <= 13) {
                e = partnerSide(r, n, answer, answerAt, byPolicy, stored != null);
            } else if (n == 15) {
                Exchange.Step collected = mine.get(17);
                e = collected != null ? new Entry(15, State.DONE, null, collected.actor(), "timeline.loggedOn")
                        : new Entry(15, State.NOT_YET, null, null, "timeline.whenAdminLogsOn");
            } else if ((n == 17 || n == 18) && answerStored != null) {
                e = new Entry(n, State.WAITING, null, null, "timeline.collect");
            } else {
                e = pending(r, n);
            }
            out.add(e);
        }
        return out;
    }

    private static Entry partnerSide(Exchange.Request r, int n, Exchange.Response answer, Instant answerAt, boolean byPolicy,
                                     boolean storedThere) {
        if (answer == null) {
            return storedThere && !stopped(r) ? new Entry(n, State.AWAITED_ELSEWHERE, null, null, "timeline.atPartnerUntilAnswer")
                    : pending(r, n);
        }
        if (n == 6) {
            return byPolicy ? new Entry(6, State.ELSEWHERE, null, "policy", "timeline.policyAnswered")
                    : new Entry(6, State.NOT_NEEDED, null, null, "timeline.approverNeeded");
        }
        if (byPolicy && n <= 12) {
            return new Entry(n, State.NOT_NEEDED, null, null, "timeline.policyNoApprover");
        }
        return switch (n) {
            case 11 -> new Entry(11, State.ELSEWHERE, null, answer.decidedBy(), "timeline.decided");
            case 13 -> new Entry(13, State.ELSEWHERE, answerAt, partner(r), "timeline.answerArrived");
            default -> new Entry(n, State.ELSEWHERE, null, null, "timeline.atPartner");
        };
    }

    private static List<Entry> incoming(Exchange.Request r, Map<Integer, Exchange.Step> mine) {
        List<Entry> out = new ArrayList<>();
        boolean byPolicy = mine.containsKey(6);
        boolean decided = mine.containsKey(11) || byPolicy;
        for (int n = 1; n <= STEPS; n++) {
            Exchange.Step s = mine.get(n);
            if (s != null) {
                out.add(recorded(s));
                continue;
            }
            Entry e;
            if (n <= 3) {
                e = new Entry(n, State.ELSEWHERE, n == 1 ? r.createdAt() : null, n == 1 ? r.requestedBy() : null,
                        n == 1 ? "timeline.asked" : "timeline.atRequester");
            } else if (n == 6) {
                e = decided || mine.containsKey(8) ? new Entry(6, State.NOT_NEEDED, null, null, "timeline.approverNeeded")
                        : pending(r, 6);
            } else if (n >= 7 && n <= 12 && byPolicy) {
                e = new Entry(n, State.NOT_NEEDED, null, null, "timeline.policyNoApprover");
            } else if (n == 7) {
                Exchange.Step read = mine.get(9);
                e = read != null ? new Entry(7, State.DONE, null, read.actor(), "timeline.loggedOn") : pending(r, 7);
            } else if (n >= 14) {
                Exchange.Step delivered = mine.get(13);
                e = delivered == null ? pending(r, n) : n == 14
                        ? new Entry(14, State.ELSEWHERE, delivered.at(), partner(r), "timeline.answerStoredThere")
                        : new Entry(n, State.AWAITED_ELSEWHERE, null, null, "timeline.atRequesterNotReported");
            } else {
                e = pending(r, n);
            }
            out.add(e);
        }
        return out;
    }

    private static Entry recorded(Exchange.Step s) {
        boolean stopped = s.status() == Exchange.Status.FAILED || s.status() == Exchange.Status.CANCELLED;
        return new Entry(s.step(), stopped ? State.STOPPED : State.DONE, s.at(), s.actor(), null);
    }

    private static Entry pending(Exchange.Request r, int n) {
        return new Entry(n, stopped(r) ? State.NOT_NEEDED : State.NOT_YET, null, null,
                stopped(r) ? "timeline.stopped" : null);
    }

    private static boolean stopped(Exchange.Request r) {
        return r.status() == Exchange.Status.FAILED || r.status() == Exchange.Status.CANCELLED;
    }

    private static String partner(Exchange.Request r) {
        return "partner:" + r.partnerSystemId();
    }
}
