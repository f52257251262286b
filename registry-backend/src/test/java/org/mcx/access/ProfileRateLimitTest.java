package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.RateLimit;
import org.mcx.protocol.wire.MessageType;

/** A profile's own rate limit replaces the node's default for requests to that profile. */
class ProfileRateLimitTest extends SasTestBase {
    @Test
    void aProfilesOwnPerUserLimitIsEnforcedWhereTheDefaultWouldAllowMore() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(get("/services/" + profileId + "/groups", token, null).statusCode())
                    .as("the default (50/s per user here) allows a burst of ten").isEqualTo(200);
        }
        ApplicationProfile p = admin.call(MessageType.PROFILES_LIST, new Console.ListProfiles(null), Console.Profiles.class)
                .applicationProfiles().get(0);
        ApplicationProfile limited = new ApplicationProfile(p.applicationProfileId(), null, p.applicationId(),
                p.authorizedService(), null, p.serviceInterfaceDescription(), null, null, null, new RateLimit(null, 1.0));
        ApplicationProfile saved = admin.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(limited, p.version()),
                Console.ProfileSaved.class).applicationProfile();
        assertThat(saved.rateLimit()).isEqualTo(new RateLimit(null, 1.0));

        int limitedAt = -1;
        long deadline = System.nanoTime() + 5_000_000_000L; // the profile reaches the SAS over CSC-15 first
        for (int i = 0; limitedAt < 0 && System.nanoTime() < deadline; i++) {
            if (get("/services/" + profileId + "/groups", token, null).statusCode() == 429) {
                limitedAt = i;
            }
        }
        // The default's burst of 50 would allow some 40 more requests here; the profile's own allows one
        // (a few more may pass while the change travels over CSC-15).
        assertThat(limitedAt).as("refused once its own limit of 1/s per user is spent").isBetween(0, 19);
        assertThat(sas.counters().snapshot().denied("rate-limited")).isPositive();
    }
}
