package org.mcx.backend.acms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.mcx.backend.acms.outbox.Backoff;
import org.mcx.backend.acms.outbox.OwnershipConfig;
import org.mcx.backend.acms.outbox.PartnerLinks;
import org.mcx.backend.identity.MigratedUsers;
import org.mcx.backend.identity.SecurityLevels;
import org.mcx.backend.partners.PartnerLinkControl;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * The ACMS (TR 23.700-38 7.x.1.3): exchanges configuration information with partner systems
 * through a persistent outbox, with local policy or an approver deciding on the partner side: server
 * identity information, and the kinds of docs/acm.md (users migrating, R-5.16.4-005); the outbox,
 * approval queue and step history are kind-neutral (see {@link ExchangeKind}).
 */
public final class AcmsModule implements AutoCloseable {
    private final SystemContext ctx;
    private final RequestTable table;
    private final Exchanges exchanges;
    private final PartnerLinks links;
    private final ServerIdentityDirectory directory;
    private final ServerIdentityKind serverIdentity;
    private final RequestViews views;
    /** The kinds of docs/acm.md this system handles, by name. */
    private final Map<String, AcmKind> acmKinds;

    public AcmsModule(SystemContext ctx, Backoff outboxBackoff, OwnershipConfig ownership, MigratedUsers migrated,
                      SecurityLevels levels) {
        this.ctx = ctx;
        this.table = new RequestTable(ctx.codec().mapper());
        this.directory = new ServerIdentityDirectory(ctx.codec().mapper());
        this.serverIdentity = new ServerIdentityKind(ctx.codec(), directory);
        this.acmKinds = Map.of(
                Acm.USER_MIGRATION_ADD, new UserMigrationAddKind(ctx, migrated, levels),
                Acm.USER_MIGRATION_REMOVE, new UserMigrationRemoveKind(ctx, migrated),
                Acm.GROUPS_REQUEST, new GroupsRequestKind(ctx),
                Acm.GROUP_MEMBERSHIP_UPDATE, new MembershipUpdateKind(ctx));
        Map<String, ExchangeKind> kinds = new HashMap<>(acmKinds);
        kinds.put(serverIdentity.name(), serverIdentity);
        this.exchanges = new Exchanges(ctx, table, kinds);
        this.links = new PartnerLinks(ctx, outboxBackoff, exchanges, ownership);
        exchanges.useOutbox(links.outbox());
        this.views = new RequestViews(table, kinds, links.outbox());
    }

    public void register(Handlers handlers) {
        ServerIdentitiesHandlers identities = new ServerIdentitiesHandlers(ctx, directory);
        handlers.on(MessageType.SERVER_IDENTITY_CREATE, Exchange.CreateRequest.class,
                        new ServerIdentityCreate(ctx, exchanges, serverIdentity))
                .on(MessageType.SERVER_IDENTITY_PENDING, Common.Empty.class,
                        new ServerIdentityPending(ctx, table, views, ServerIdentityKind.NAME))
                .on(MessageType.SERVER_IDENTITY_DECIDE, Exchange.Decide.class, new ServerIdentityDecide(ctx, exchanges))
                .on(MessageType.SERVER_IDENTITY_RESPONSES, Common.Empty.class,
                        new ServerIdentityResponses(ctx, table, views, ServerIdentityKind.NAME))
                .on(MessageType.SERVER_IDENTITY_LIST, Exchange.ListRequests.class, new ServerIdentityList(ctx, table, views))
                .on(MessageType.SERVER_IDENTITY_CANCEL, Exchange.Cancel.class, new ServerIdentityCancel(ctx, exchanges))
                .on(MessageType.SERVER_IDENTITIES_GET, Common.Empty.class, identities::get)
                .on(MessageType.SERVER_IDENTITIES_SAVE, Exchange.ServerIdentities.class, identities::save)
                .on(MessageType.SERVER_IDENTITY_REQUEST, Acms.ServerIdentityRequest.class,
                        new ServerIdentityRequestReceiver(ctx, exchanges, serverIdentity))
                .on(MessageType.SERVER_IDENTITY_RESPONSE, Acms.ServerIdentityResponse.class,
                        new ServerIdentityResponseReceiver(ctx, exchanges, serverIdentity))
                // docs/acm.md: every other kind, on the same exchange core
                .on(MessageType.ACM_CREATE, Exchange.AcmCreate.class, new AcmCreate(ctx, exchanges, acmKinds))
                .on(MessageType.ACM_LIST, Exchange.AcmList.class, new ServerIdentityList(ctx, table, views)::all)
                .on(MessageType.ACM_PENDING, Common.Empty.class, new ServerIdentityPending(ctx, table, views, null))
                .on(MessageType.ACM_DECIDE, Exchange.Decide.class, new ServerIdentityDecide(ctx, exchanges))
                .on(MessageType.ACM_CANCEL, Exchange.Cancel.class, new ServerIdentityCancel(ctx, exchanges))
                .on(MessageType.ACM_RESPONSES, Common.Empty.class, new ServerIdentityResponses(ctx, table, views, null))
                .on(MessageType.CONFIGURATION_REQUEST, Acms.ConfigurationRequest.class,
                        new ConfigurationRequestReceiver(ctx, exchanges, acmKinds))
                .on(MessageType.CONFIGURATION_RESPONSE, Acms.ConfigurationResponse.class,
                        new ConfigurationResponseReceiver(ctx, exchanges));
    }

    /**
     * Opens the links to the partners this node holds (on H2, every one); what waited in their
     * outboxes goes out once they are up.
     */
    public void start() {
        links.start();
    }

    /** For the partners module: links follow partners as they are added, changed and removed. */
    public PartnerLinkControl partnerLinks() {
        return new PartnerLinkControl() {
            @Override
            public void saved(String systemId) {
                links.reload(systemId);
            }

            @Override
            public void deleting(Tx tx, String systemId) throws SQLException {
                links.forget(tx, systemId);
            }

            @Override
            public void deleted(String systemId) {
                links.remove(systemId);
            }

            @Override
            public boolean connected(Connection c, String systemId) throws SQLException {
                return PartnerLinks.connected(c, systemId);
            }
        };
    }

    @Override
    public void close() {
        links.close();
    }
}
