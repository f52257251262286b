package org.mcx.backend.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.csc15.GrantFeed;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Users, console sessions, nodes and user tokens: who may talk to this system, and as whom. */
public final class IdentityModule {
    private static final Logger log = LoggerFactory.getLogger(IdentityModule.class);

    private final SystemContext ctx;
    private final Passwords passwords;
    private final ConsoleAuth consoles;
    private final UserAdmin users;
    private final NodeAdmin nodes;
    private final UserTokens userTokens;
    private final UserDirectory directory;
    private final TokenSigner signer;
    private final MigratedUsers migrated;
    private final SecurityLevels levels;

    public IdentityModule(SystemContext ctx, IdentityConfig config, GrantFeed feed) {
        this.ctx = ctx;
        this.passwords = new Passwords(config.pbkdf2Iterations());
        LoginGuard guard = new LoginGuard(config);
        PasswordChecks checks = PasswordChecks.defaults(ctx.cpu(), config.maxPendingLogons());
        this.consoles = new ConsoleAuth(ctx, config, passwords, guard, checks);
        this.users = new UserAdmin(ctx, passwords, guard, consoles, feed, config.securityLevels());
        this.nodes = new NodeAdmin(ctx);
        this.signer = TokenSigner.loadOrCreate(ctx.db());
        this.userTokens = new UserTokens(ctx, config, consoles, signer);
        this.directory = new UserDirectory(ctx.db(), ctx.events().bus());
        this.migrated = new MigratedUsers(ctx, feed);
        this.levels = config.securityLevels();
    }

    /** The users' security levels this system is configured with. */
    public SecurityLevels securityLevels() {
        return levels;
    }

    /** Users who migrated here from partner systems, for the ACMS's user migration exchanges. */
    public MigratedUsers migratedUsers() {
        return migrated;
    }

    /** Users' external access, for the features that grant or check it. */
    public UserDirectory directory() {
        return directory;
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.AUTH_LOGIN, Auth.Login.class, consoles::login)
                .on(MessageType.AUTH_RESUME, Auth.Resume.class, consoles::resume)
                .on(MessageType.AUTH_NODE, Auth.NodeLogin.class, nodes::authenticate)
                .on(MessageType.AUTH_USER, Auth.UserLogin.class, userTokens::issue)
                .on(MessageType.AUTH_LOGOUT, Common.Empty.class, consoles::logout)
                .on(MessageType.USERS_LIST, Common.Empty.class, users::list)
                .on(MessageType.USERS_SAVE, Console.SaveUser.class, users::save)
                .on(MessageType.USERS_DELETE, Console.DeleteUser.class, users::delete)
                .on(MessageType.NODES_LIST, Common.Empty.class, nodes::list)
                .on(MessageType.NODES_CREATE, Console.CreateNode.class, nodes::create)
                .on(MessageType.NODES_DELETE, Console.DeleteNode.class, nodes::delete);
    }

    /** Creates the first administrator, {@code admin}, when the database has no users; otherwise does nothing. */
    public void bootstrapAdmin(String password) {
        if (password == null) {
            return;
        }
        // Checked before hashing: an installed service passes the password file on every start, and
        // a PBKDF2 hash (600,000 iterations) would add about a second to each one for nothing.
        if (ctx.db().read(UserStore::count).join() > 0) {
            log.info("users exist; --admin-password ignored");
            return;
        }
        String hash = passwords.hash(password);
        boolean created = ctx.db().write(tx -> {
            tx.excludeOtherNodes(); // nodes starting together on an empty database make one administrator
            if (UserStore.count(tx.connection()) > 0) {
                return false;
            }
            UserStore.insert(tx.connection(), new StoredUser("admin", "Administrator", EnumSet.of(Role.ADMIN), false,
                    List.<ServiceType>of(), false, hash, null, Priority.NORMAL), Instant.now());
            ctx.audit().record(tx, "system", "users.bootstrap", "admin", AuditLog.ALLOWED, null);
            return true;
        }).join();
        if (created) {
            log.info("created the first administrator, 'admin'");
        } else {
            log.info("users exist; --admin-password ignored");
        }
    }

    /**
     * Creates a node of {@code kind}, or gives an existing one a new secret (the old one is refused
     * from then on); audited as actor "system". For the backend's own sample services
     * ({@code --sample-services}): the secret never leaves the process.
     *
     * @return the new secret; fails with {@code CONFLICT} if the node exists with the other kind
     */
    public CompletableFuture<String> provisionNode(String nodeId, Console.NodeKind kind) {
        return nodes.provision(nodeId, kind);
    }

    /** Every user's access, for CSC-15 snapshots. */
    public List<UserAccess> userAccess(Connection c) throws SQLException {
        return UserStore.all(c).stream().map(StoredUser::access).toList();
    }

    /** The key service access servers verify user tokens with. */
    public TokenSigner tokenSigner() {
        return signer;
    }

}
