package org.mcx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
    /** Surefire runs inside the Maven build, so the pom's version is known here to compare with. */
    @Test
    void isTheMavenProjectVersion() {
        String expected = System.getProperty("mcx.expected.version");
        assertThat(expected).as("surefire passes the pom's version").isNotBlank();
        assertThat(Version.current()).isEqualTo(expected);
    }
}
