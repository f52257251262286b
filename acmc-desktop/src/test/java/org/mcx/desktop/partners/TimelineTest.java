package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.partners.Timeline.State;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.message.Exchange.Status;

/**
 * The 18 steps as each system knows them, from the steps the backend records (primary: 1, 2, 3, 5,
 * 14, 16, 17, 18; partner: 4, 5, 6 or 8–12, 13): nothing contradicts itself — no later step ticked
 * while an earlier one it depends on is open, the partner's steps known once its answer is back,
 * no "notified at log-on" claimed, and 17–18 waiting to be collected.
 */
class TimelineTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static Exchange.Step step(int n, Status s, int second, String actor) {
        return new Exchange.Step(n, s, T0.plusSeconds(second), actor);
    }

    static Exchange.Request outgoing(Status status, Exchange.Response answer, Exchange.Step... steps) {
        return new Exchange.Request("5f0c3a2e-8d7b-4c1e-9a61-2b7f3c9d0e14", Exchange.Direction.OUTGOING, "mcx-b", "admin",
                List.of("alice"), status, T0, List.of(steps), answer);
    }

    static Map<Integer, Timeline.Entry> byStep(Exchange.Request r) {
        return Timeline.of(r).stream().collect(Collectors.toMap(Timeline.Entry::step, Function.identity()));
    }

    static List<Exchange.Step> sent() {
        return new ArrayList<>(List.of(step(1, Status.CREATED, 0, "admin"), step(2, Status.CREATED, 0, "system:mcx-a"),
                step(3, Status.FORWARDED, 0, "system:mcx-a"), step(5, Status.STORED_AT_PARTNER, 1, "partner:mcx-b")));
    }

    @Test
    void storedAtThePartnerMeansStep4HappenedThereAndItsOtherStepsAreAwaited() {
        var t = byStep(outgoing(Status.STORED_AT_PARTNER, null, sent().toArray(Exchange.Step[]::new)));
        assertThat(t.get(4).state()).as("step 5 implies step 4").isEqualTo(State.ELSEWHERE);
        assertThat(t.get(4).at()).isEqualTo(T0.plusSeconds(1));
        assertThat(t.get(5).state()).isEqualTo(State.DONE);
        for (int n = 6; n <= 13; n++) {
            assertThat(t.get(n).state()).as("step " + n).isEqualTo(State.AWAITED_ELSEWHERE);
        }
        for (int n = 14; n <= 18; n++) {
            assertThat(t.get(n).state()).as("step " + n).isEqualTo(State.NOT_YET);
        }
    }

    @Test
    void anApproversAnswerTicksThePartnersStepsAndLeaves17And18ToCollect() {
        List<Exchange.Step> steps = sent();
        steps.add(step(14, Status.RESPONSE_STORED, 60, "partner:mcx-b"));
        steps.add(step(16, Status.RESPONSE_STORED, 60, "system:mcx-a"));
        var answer = new Exchange.Response(Acms.Decision.APPROVED, List.of(), "vera", "welcome", T0.plusSeconds(60));
        var t = byStep(outgoing(Status.RESPONSE_STORED, answer, steps.toArray(Exchange.Step[]::new)));
        assertThat(t.get(6).state()).as("an approver decided, not the policy").isEqualTo(State.NOT_NEEDED);
        for (int n = 7; n <= 13; n++) {
            assertThat(t.get(n).state()).as("step " + n).isEqualTo(State.ELSEWHERE);
        }
        assertThat(t.get(11).actor()).isEqualTo("vera");
        assertThat(t.get(13).at()).isEqualTo(T0.plusSeconds(60));
        assertThat(t.get(15).state()).as("nobody claims a log-on that did not happen").isEqualTo(State.NOT_YET);
        assertThat(t.get(16).state()).isEqualTo(State.DONE);
        assertThat(t.get(17).state()).isEqualTo(State.WAITING);
        assertThat(t.get(18).state()).isEqualTo(State.WAITING);

        steps.add(step(17, Status.RESPONSE_STORED, 90, "admin"));
        steps.add(step(18, Status.DELIVERED, 90, "admin"));
        var collected = byStep(outgoing(Status.DELIVERED, answer, steps.toArray(Exchange.Step[]::new)));
        assertThat(collected.get(15).state()).isEqualTo(State.DONE);
        assertThat(collected.get(15).actor()).isEqualTo("admin");
        assertThat(collected.get(17).state()).isEqualTo(State.DONE);
        assertThat(collected.get(18).state()).isEqualTo(State.DONE);
        assertThat(collected.values()).noneMatch(e -> e.state() == State.NOT_YET || e.state() == State.WAITING
                || e.state() == State.AWAITED_ELSEWHERE);
    }

    @Test
    void aPolicyAnswerSkipsTheApproversSteps() {
        List<Exchange.Step> steps = sent();
        steps.add(step(14, Status.RESPONSE_STORED, 2, "partner:mcx-b"));
        var answer = new Exchange.Response(Acms.Decision.REJECTED, List.of(), "policy", "too many users", T0.plusSeconds(2));
        var t = byStep(outgoing(Status.RESPONSE_STORED, answer, steps.toArray(Exchange.Step[]::new)));
        assertThat(t.get(6).state()).isEqualTo(State.ELSEWHERE);
        for (int n = 7; n <= 12; n++) {
            assertThat(t.get(n).state()).as("step " + n).isEqualTo(State.NOT_NEEDED);
        }
        assertThat(t.get(13).state()).isEqualTo(State.ELSEWHERE);
    }

    @Test
    void aFailedDeliveryStopsTheRest() {
        var t = byStep(outgoing(Status.FAILED, null, step(1, Status.CREATED, 0, "admin"), step(2, Status.CREATED, 0, "system:mcx-a"),
                step(3, Status.FAILED, 5, "partner:mcx-b")));
        assertThat(t.get(3).state()).isEqualTo(State.STOPPED);
        assertThat(t.get(4).state()).isEqualTo(State.NOT_NEEDED);
        assertThat(t.get(18).state()).isEqualTo(State.NOT_NEEDED);
    }

    @Test
    void thePartnerKnowsItsOwnStepsAndTheRequestersByWhatFollowed() {
        var r = new Exchange.Request("5f0c3a2e-8d7b-4c1e-9a61-2b7f3c9d0e14", Exchange.Direction.INCOMING, "mcx-a", "admin",
                List.of("alice"), Status.RESPONDED, T0, List.of(step(4, Status.STORED_AT_PARTNER, 1, "partner:mcx-a"),
                step(5, Status.STORED_AT_PARTNER, 1, "system:mcx-b"), step(8, Status.PENDING_APPROVAL, 1, "system:mcx-b"),
                step(9, Status.PENDING_APPROVAL, 30, "vera"), step(10, Status.PENDING_APPROVAL, 30, "vera"),
                step(11, Status.APPROVED, 40, "vera"), step(12, Status.APPROVED, 40, "vera"),
                step(13, Status.RESPONDED, 41, "partner:mcx-a")), null);
        var t = byStep(r);
        assertThat(t.get(1).state()).isEqualTo(State.ELSEWHERE);
        assertThat(t.get(1).at()).isEqualTo(T0);
        assertThat(t.get(6).state()).isEqualTo(State.NOT_NEEDED);
        assertThat(t.get(7).state()).as("the approver who read it logged on").isEqualTo(State.DONE);
        assertThat(t.get(7).actor()).isEqualTo("vera");
        assertThat(t.get(14).state()).isEqualTo(State.ELSEWHERE);
        assertThat(t.get(17).state()).isEqualTo(State.AWAITED_ELSEWHERE);
    }
}
