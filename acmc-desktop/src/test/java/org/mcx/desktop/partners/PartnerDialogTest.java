package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Acms.ServerType;

/** The disclosed server types as an administrator types them. */
class PartnerDialogTest {
    @Test
    void serverTypesAreReadFromCommaSeparatedNamesAndEmptyMeansAll() {
        assertThat(PartnerDialog.serverTypes("MCPTT, gms,KMS")).containsExactly(ServerType.MCPTT, ServerType.GMS, ServerType.KMS);
        assertThat(PartnerDialog.serverTypes("  ")).isNull();
        assertThat(PartnerDialog.serverTypes("MCPTT, WHATEVER")).as("an unknown name is refused, not dropped").isNull();
    }
}
