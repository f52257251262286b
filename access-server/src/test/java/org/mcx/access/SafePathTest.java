package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/services/ap-1", "/services/ap-1/", "/services/ap-1/groups", "/services/ap-1/a.b/c..d/.e",
            "/services/ap-1/groups/%20x", "/services/ap-1/%41", "/services/ap-1/..x", "/services/ap-1/x.."})
    void ordinaryPathsPass(String path) {
        assertThat(SafePath.isSafe(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/services/ap-1/../ap-2", "/services/ap-1/..", "/services/ap-1/./x", "/services/ap-1/.",
            "/services/ap-1/%2e%2e/ap-2", "/services/ap-1/%2E%2E/ap-2", "/services/ap-1/.%2e/x", "/services/ap-1/a%2fb",
            "/services/ap-1/a%2Fb", "/services/ap-1/a%5cb", "/services/ap-1/%252e%252e", "/services/ap-1/a%00",
            "/services/ap-1/a%0a", "/services/ap-1/a\\b", "/services/ap-1/a b", "/services/ap-1/%", "/services/ap-1/%2"})
    void pathsThatCouldLeaveTheirProfileAreRefused(String path) {
        assertThat(SafePath.isSafe(path)).isFalse();
    }
}
