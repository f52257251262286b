package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watch the SAS's tests rely on does see a buffer nobody released. */
class LeakWatchTest {
    @BeforeEach
    void start() {
        LeakWatch.start();
    }

    @AfterEach
    void stop() {
        LeakWatch.stop();
    }

    @Test
    void aBufferNeverReleasedFailsTheCheck() throws Exception {
        leakOne();
        assertThatThrownBy(LeakWatch::assertNoLeaks).isInstanceOf(AssertionError.class)
                .hasMessageContaining("LEAK").hasMessageContaining("leakOne");
        LeakWatch.assertNoLeaks(); // reported once, then clear
    }

    @Test
    void releasedBuffersPass() throws Exception {
        ByteBufAllocator.DEFAULT.directBuffer(64).writeLong(1).release();
        LeakWatch.assertNoLeaks();
    }

    private static void leakOne() {
        ByteBuf lost = ByteBufAllocator.DEFAULT.directBuffer(64);
        lost.writeLong(42);
    }
}
