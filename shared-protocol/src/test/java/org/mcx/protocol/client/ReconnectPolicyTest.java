package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private final ReconnectPolicy policy = ReconnectPolicy.defaults();

    @Test
    void ceilingDoublesFrom250MsUpTo30Seconds() {
        assertThat(policy.ceiling(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.ceiling(6)).isEqualTo(Duration.ofMillis(16_000));
        assertThat(policy.ceiling(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(policy.delay(3, 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(3, 0.5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delay(3, 0.999_999)).isLessThan(Duration.ofMillis(2000));
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delay(20)).isBetween(Duration.ZERO, Duration.ofSeconds(30));
        }
    }

    @Test
    void disabledAndInvalidPolicies() {
        assertThat(ReconnectPolicy.disabled().enabled()).isFalse();
        assertThat(policy.enabled()).isTrue();
        assertThatThrownBy(() -> ReconnectPolicy.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
