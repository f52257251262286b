package org.mcx.desktop.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UI test on one real backend ("mcx-a") with a user for every role (password {@link #PASSWORD}),
 * whatever the test adds in {@link #seed}, and every uncaught FX exception or logged error watched.
 */
public abstract class OneBackendUiTest extends FxTest {
    protected static final String PASSWORD = "console-password";

    @TempDir
    protected Path dir;
    protected TestBackend backend;
    protected Problems problems;

    @BeforeEach
    void startBackend() throws Exception {
        backend = TestBackend.start(dir, "mcx-a");
        seed(backend);
        backend.addRoleUsers(PASSWORD);
        problems = Problems.watch();
    }

    /** What the test needs in the backend before the console opens; nothing by default. */
    protected void seed(TestBackend backend) throws Exception {
    }

    @AfterEach
    void stopBackend() throws Exception {
        closeConsoles();
        if (problems != null) {
            problems.close();
        }
        backend.close();
    }
}
