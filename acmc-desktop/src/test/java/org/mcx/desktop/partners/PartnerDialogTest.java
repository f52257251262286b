package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Acms.ServerType;

/** What an administrator types into the partner dialog: disclosed server types, endpoints. */
class PartnerDialogTest {
    @Test
    void serverTypesAreReadFromCommaSeparatedNamesAndEmptyMeansAll() {
        assertThat(PartnerDialog.serverTypes("MCPTT, gms,KMS")).containsExactly(ServerType.MCPTT, ServerType.GMS, ServerType.KMS);
        assertThat(PartnerDialog.serverTypes("  ")).isNull();
        assertThat(PartnerDialog.serverTypes("MCPTT, WHATEVER")).as("an unknown name is refused, not dropped").isNull();
    }

    @Test
    void anEndpointIsOneUrlOrOnePerNodeSeparatedByCommas() {
        assertThat(PartnerDialog.isEndpoint("wss://b.example.org:8443/acms")).isTrue();
        assertThat(PartnerDialog.isEndpoint("wss://b1.example.org/acms, wss://b2.example.org:8443/acms")).isTrue();
        assertThat(PartnerDialog.isEndpoint("wss://b1.example.org/acms,")).as("an empty place").isFalse();
        assertThat(PartnerDialog.isEndpoint("wss://b1.example.org/acms wss://b2.example.org/acms")).as("no comma").isFalse();
        assertThat(PartnerDialog.isEndpoint("https://b.example.org/acms")).isFalse();
    }
}
