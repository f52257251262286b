package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;

/** Discovery's query criteria and the user's allowed services, on a catalog built by hand. */
class CatalogTest {
    private static final ServiceCapability PTT = new ServiceCapability(ServiceType.MCPTT, "MCPTT-1",
            List.of("HTTP", "SIP"), "1.0", "Mission-critical Push To Talk", List.of("group-call", "private-call"));
    private static final ServiceCapability PTT2 = new ServiceCapability(ServiceType.MCPTT, "MCPTT-1",
            List.of("HTTP"), "2.0", "", List.of());
    private static final ServiceCapability DATA = new ServiceCapability(ServiceType.MCDATA, "MCData-cap-1",
            List.of("HTTP"), "1.0", "Short data service", List.of("sds"));
    private static final ServiceCapability GM = new ServiceCapability(ServiceType.GM, "CSC-2",
            List.of("HTTP"), "1.0", "Groups", List.of());
    private static final Set<ServiceType> ALL = EnumSet.allOf(ServiceType.class);

    private final Catalog catalog = Catalog.of(List.of(GM, DATA, PTT2, PTT));

    @Test
    void sortsByTypeInterfaceAndVersion() {
        assertThat(find(ALL, ServiceQuery.all())).containsExactly(PTT, PTT2, DATA, GM);
    }

    @Test
    void showsOnlyTheUsersAllowedServices() {
        assertThat(find(EnumSet.of(ServiceType.GM, ServiceType.MCDATA), ServiceQuery.all())).containsExactly(DATA, GM);
        assertThat(find(EnumSet.noneOf(ServiceType.class), ServiceQuery.all())).isEmpty();
        assertThat(find(EnumSet.of(ServiceType.GM), query(ServiceType.MCPTT, null, null, null, null))).isEmpty();
    }

    @Test
    void filtersByTypeInterfaceProtocolAndVersion() {
        assertThat(find(ALL, query(ServiceType.MCDATA, null, null, null, null))).containsExactly(DATA);
        assertThat(find(ALL, query(null, "CSC-2", null, null, null))).containsExactly(GM);
        assertThat(find(ALL, query(null, null, "SIP", null, null))).containsExactly(PTT);
        assertThat(find(ALL, query(null, null, "sip", null, null))).as("protocols ignore case").containsExactly(PTT);
        assertThat(find(ALL, query(null, null, null, "2.0", null))).containsExactly(PTT2);
        assertThat(find(ALL, query(ServiceType.MCPTT, "MCPTT-1", "HTTP", "1.0", null))).containsExactly(PTT);
        assertThat(find(ALL, query(null, null, "QUIC", null, null))).isEmpty();
    }

    @Test
    void textSearchesDescriptionCapabilitiesAndInterfaceIgnoringCase() {
        assertThat(find(ALL, query(null, null, null, null, "push to"))).containsExactly(PTT);
        assertThat(find(ALL, query(null, null, null, null, "SDS"))).containsExactly(DATA);
        assertThat(find(ALL, query(null, null, null, null, "mcdata-CAP"))).containsExactly(DATA);
        assertThat(find(ALL, query(null, null, null, null, "csc-"))).containsExactly(GM);
        assertThat(find(ALL, query(null, null, null, null, "call"))).containsExactly(PTT);
        assertThat(find(ALL, query(null, null, null, null, "talkgroup-call"))).as("no match across fields").isEmpty();
    }

    @Test
    void anEmptyCatalogFindsNothing() {
        assertThat(Catalog.EMPTY.find(ALL, new ServiceFilter(ServiceQuery.all()))).isEmpty();
    }

    private List<ServiceCapability> find(Set<ServiceType> allowed, ServiceQuery query) {
        return catalog.find(allowed, new ServiceFilter(query));
    }

    private static ServiceQuery query(ServiceType type, String iface, String protocol, String version, String text) {
        return new ServiceQuery(type, iface, protocol, version, text);
    }
}
