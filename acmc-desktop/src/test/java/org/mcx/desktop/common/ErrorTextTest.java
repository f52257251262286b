package org.mcx.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mcx.desktop.testing.Direct;
import org.mcx.protocol.client.ConnectionLostException;

/** A lost link in plain words that are true: never sent, or lost while waiting (then it may have been done). */
class ErrorTextTest {
    final ErrorText errors = new ErrorText(Direct.I18N);

    @Test
    void aRequestMadeWhileDisconnectedWasNotSent() {
        assertThat(errors.describe(new ConnectionLostException("not connected (RECONNECTING)"))).contains("nothing was sent")
                .doesNotContain("keeps no request waiting");
        assertThat(errors.describe(new ConnectionLostException("could not connect: ConnectException Connection refused")))
                .contains("nothing was sent");
    }

    @Test
    void aLinkLostWhileWaitingMayHaveDoneIt() {
        assertThat(errors.describe(new ConnectionLostException("the server closed the link (4403): your roles or password changed")))
                .contains("may or may not have been done").doesNotContain("nothing was sent");
        assertThat(errors.describe(new ConnectionLostException("connection lost (1006)"))).contains("may or may not");
    }

    @Test
    void aListLoadedWhileTheLinkIsDownIsOnlyOutOfDate() {
        assertThat(errors.describeLoad(new ConnectionLostException("not connected (RECONNECTING)"))).contains("out of date");
    }
}
