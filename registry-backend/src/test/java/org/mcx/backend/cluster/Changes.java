package org.mcx.backend.cluster;

import java.util.List;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.wire.MessageType;

/** The changes the writers make, each acknowledged by the backend's answer. */
final class Changes {
    private Changes() {
    }

    /** Creates users {@code prefix-0}, {@code prefix-1}, ...; acknowledges each user's id. */
    static Writer.Step newUsers(ProtocolClient admin, String prefix) {
        return n -> {
            String id = prefix + "-" + n;
            admin.call(MessageType.USERS_SAVE, new Console.SaveUser(id, "Load " + id, List.of(), false, List.of(), true,
                    Scene.USER_PASSWORD), Console.User.class);
            return id;
        };
    }

    /**
     * Saves a new version of one profile each time, marked {@code write-n} in its capabilities;
     * acknowledges {@code "<version> write-n"}. After a failure the version is read again: the
     * failed save may have been committed, and then the next one's expected version has moved.
     */
    static Writer.Step profileVersions(ProtocolClient admin, String applicationId, String applicationProfileId) {
        return new Writer.Step() {
            private Long version;

            @Override
            public String write(int n) throws Exception {
                if (version == null) {
                    version = current(admin, applicationId, applicationProfileId).version();
                }
                ApplicationProfile next = new ApplicationProfile(applicationProfileId, null, applicationId, Scene.MCPTT,
                        null, new ServiceInterfaceDescription(List.of(), List.of(mark(n)), List.of()), null, null, null);
                try {
                    version = admin.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(next, version),
                            Console.ProfileSaved.class).applicationProfile().version();
                } catch (Exception e) {
                    version = null;
                    throw e;
                }
                return version + " " + mark(n);
            }
        };
    }

    static String mark(int n) {
        return "write-" + n;
    }

    /** The profile as stored now. */
    static ApplicationProfile current(ProtocolClient admin, String applicationId, String applicationProfileId)
            throws Exception {
        Console.Profiles profiles = admin.call(MessageType.PROFILES_LIST, new Console.ListProfiles(applicationId),
                Console.Profiles.class);
        return profiles.applicationProfiles().stream().filter(p -> p.applicationProfileId().equals(applicationProfileId))
                .findFirst().orElseThrow(() -> new IllegalStateException("no profile " + applicationProfileId));
    }
}
