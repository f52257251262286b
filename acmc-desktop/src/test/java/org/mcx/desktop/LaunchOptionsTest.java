package org.mcx.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console's command line, and the window options it shares with the demo's. */
class LaunchOptionsTest {

    @Test
    void theWindowOptionsAreTheConsolesOwn() {
        LaunchOptions options = LaunchOptions.parse("--dark", "--window-size", "1024x700", "--server", "wss://r.example:8443");
        assertThat(options.window().dark()).isTrue();
        assertThat(options.window().windowSize()).containsExactly(1024, 700);
        assertThat(options.server()).isEqualTo("wss://r.example:8443");
        assertThat(options.demo()).isFalse();
    }

    @Test
    void theDemoGetsTheSameWindowOptionsInDemoMode() {
        WindowOptions window = LaunchOptions.parse("--window-size", "300x200").window();
        LaunchOptions demo = LaunchOptions.inDemoMode(window);
        assertThat(demo.demo()).isTrue();
        assertThat(demo.window().windowSize()).as("never smaller than 640×480").containsExactly(640, 480);
        assertThat(demo.server()).isNull();
    }
}
