package org.mcx.protocol.wire;

import static org.mcx.protocol.Endpoint.ACMC;
import static org.mcx.protocol.Endpoint.ACMS;
import static org.mcx.protocol.Endpoint.CSC14;
import static org.mcx.protocol.Endpoint.CSC15;
import static org.mcx.protocol.Endpoint.REGISTRATION;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.message.Registration;

/**
 * The catalogue of request types: wire name, body records, the paths that may carry it, who
 * sends it and, on /acmc, the role it needs. A server handler is found from this type in one hop.
 */
public enum MessageType {
    // authentication: the first message on a connection
    AUTH_LOGIN("auth.login", Auth.Login.class, Auth.Session.class, Sender.PEER, null, ACMC),
    AUTH_RESUME("auth.resume", Auth.Resume.class, Auth.Session.class, Sender.PEER, null, ACMC),
    AUTH_APPLICATION("auth.application", Auth.ApplicationLogin.class, Auth.ApplicationSession.class, Sender.PEER, null, CSC14),
    AUTH_NODE("auth.node", Auth.NodeLogin.class, Auth.NodeSession.class, Sender.PEER, null, CSC15, REGISTRATION),
    AUTH_PARTNER("auth.partner", Auth.PartnerLogin.class, Auth.PartnerSession.class, Sender.PEER, null, ACMS),
    AUTH_USER("auth.user", Auth.UserLogin.class, Auth.UserToken.class, Sender.PEER, null, CSC14),
    /** Ends the console session: its token is revoked at once and every connection using it is closed. */
    AUTH_LOGOUT("auth.logout", Common.Empty.class, Common.Empty.class, Sender.PEER, Role.VIEWER, ACMC),

    // CSC-14
    GET_SERVICE_INFORMATION("getServiceInformation", Csc14.GetServiceInformation.class, Csc14.ServiceInformation.class, Sender.PEER, null, CSC14),
    UPDATE_AUTHORIZATION("updateExternalApplicationAuthorization", Csc14.UpdateAuthorization.class, Csc14.AuthorizationResult.class, Sender.PEER, null, CSC14),
    GET_APPLICATION_PROFILE("getApplicationProfile", Csc14.GetApplicationProfile.class, Csc14.ApplicationProfileResult.class, Sender.PEER, null, CSC14),
    NOTIFY_APPLICATION_PROFILE("notifyApplicationProfile", Csc14.NotifyApplicationProfile.class, Common.ResultBody.class, Sender.SERVER, null, CSC14),

    // CSC-15
    CSC15_SNAPSHOT("csc15.snapshot", Csc15.SnapshotRequest.class, Csc15.Snapshot.class, Sender.PEER, null, CSC15),
    CSC15_REPORT("csc15.report", Csc15.Report.class, Common.Empty.class, Sender.PEER, null, CSC15),
    UPDATE_APPLICATION_PROFILE("updateApplicationProfile", Csc15.UpdateApplicationProfile.class, Common.ResultBody.class, Sender.SERVER, null, CSC15),
    UPDATE_USER_ACCESS("updateUserAccess", Csc15.UpdateUserAccess.class, Common.ResultBody.class, Sender.SERVER, null, CSC15),
    UPDATE_SERVICE_INSTANCES("updateServiceInstances", Csc15.UpdateServiceInstances.class, Common.ResultBody.class, Sender.SERVER, null, CSC15),

    // service registration
    REGISTER_SERVICE("registerService", Registration.RegisterService.class, Registration.Lease.class, Sender.PEER, null, REGISTRATION),
    HEARTBEAT("heartbeat", Registration.Heartbeat.class, Registration.HeartbeatAck.class, Sender.PEER, null, REGISTRATION),
    DEREGISTER_SERVICE("deregisterService", Registration.DeregisterService.class, Common.Empty.class, Sender.PEER, null, REGISTRATION),

    // ACMS to ACMS
    SERVER_IDENTITY_REQUEST("acms.serverIdentityRequest", Acms.ServerIdentityRequest.class, Acms.Stored.class, Sender.EITHER, null, ACMS),
    SERVER_IDENTITY_RESPONSE("acms.serverIdentityResponse", Acms.ServerIdentityResponse.class, Acms.Stored.class, Sender.EITHER, null, ACMS),
    CONFIGURATION_REQUEST("acms.configurationRequest", Acms.ConfigurationRequest.class, Acms.Stored.class, Sender.EITHER, null, ACMS),
    CONFIGURATION_RESPONSE("acms.configurationResponse", Acms.ConfigurationResponse.class, Acms.Stored.class, Sender.EITHER, null, ACMS),

    // the console
    SERVICES_LIST("services.list", Console.ServicesList.class, Console.Services.class, Sender.PEER, Role.VIEWER, ACMC),
    APPLICATIONS_LIST("applications.list", Common.Empty.class, Console.Applications.class, Sender.PEER, Role.VIEWER, ACMC),
    APPLICATIONS_CREATE("applications.create", Console.CreateApplication.class, Console.ApplicationCreated.class, Sender.PEER, Role.ADMIN, ACMC),
    APPLICATIONS_DECIDE("applications.decide", Console.DecideAuthorization.class, Console.Profiles.class, Sender.PEER, Role.APPROVER, ACMC),
    PROFILES_LIST("profiles.list", Console.ListProfiles.class, Console.Profiles.class, Sender.PEER, Role.VIEWER, ACMC),
    PROFILES_SAVE("profiles.save", Console.SaveProfile.class, Console.ProfileSaved.class, Sender.PEER, Role.OPERATOR, ACMC),
    PROFILES_DELETE("profiles.delete", Console.DeleteProfile.class, Common.Empty.class, Sender.PEER, Role.OPERATOR, ACMC),
    PROFILES_HISTORY("profiles.history", Console.ProfileHistory.class, Console.Profiles.class, Sender.PEER, Role.VIEWER, ACMC),
    USERS_LIST("users.list", Common.Empty.class, Console.Users.class, Sender.PEER, Role.ADMIN, ACMC),
    USERS_SAVE("users.save", Console.SaveUser.class, Console.User.class, Sender.PEER, Role.ADMIN, ACMC),
    USERS_DELETE("users.delete", Console.DeleteUser.class, Common.Empty.class, Sender.PEER, Role.ADMIN, ACMC),
    GROUPS_LIST("groups.list", Common.Empty.class, Console.Groups.class, Sender.PEER, Role.VIEWER, ACMC),
    GROUPS_SAVE("groups.save", Console.Group.class, Console.Group.class, Sender.PEER, Role.ADMIN, ACMC),
    GROUPS_DELETE("groups.delete", Console.DeleteGroup.class, Common.Empty.class, Sender.PEER, Role.ADMIN, ACMC),
    NODES_LIST("nodes.list", Common.Empty.class, Console.Nodes.class, Sender.PEER, Role.ADMIN, ACMC),
    NODES_CREATE("nodes.create", Console.CreateNode.class, Console.NodeCreated.class, Sender.PEER, Role.ADMIN, ACMC),
    NODES_DELETE("nodes.delete", Console.DeleteNode.class, Common.Empty.class, Sender.PEER, Role.ADMIN, ACMC),
    PARTNERS_LIST("partners.list", Common.Empty.class, Console.Partners.class, Sender.PEER, Role.ADMIN, ACMC),
    PARTNERS_SAVE("partners.save", Console.SavePartner.class, Console.Partner.class, Sender.PEER, Role.ADMIN, ACMC),
    PARTNERS_DELETE("partners.delete", Console.DeletePartner.class, Common.Empty.class, Sender.PEER, Role.ADMIN, ACMC),
    SERVER_IDENTITY_CREATE("serverIdentity.create", Exchange.CreateRequest.class, Exchange.Created.class, Sender.PEER, Role.ADMIN, ACMC),
    SERVER_IDENTITY_PENDING("serverIdentity.pending", Common.Empty.class, Exchange.Requests.class, Sender.PEER, Role.APPROVER, ACMC),
    SERVER_IDENTITY_DECIDE("serverIdentity.decide", Exchange.Decide.class, Exchange.StatusResult.class, Sender.PEER, Role.APPROVER, ACMC),
    SERVER_IDENTITY_RESPONSES("serverIdentity.responses", Common.Empty.class, Exchange.Requests.class, Sender.PEER, Role.ADMIN, ACMC),
    SERVER_IDENTITY_CANCEL("serverIdentity.cancel", Exchange.Cancel.class, Exchange.StatusResult.class, Sender.PEER, Role.ADMIN, ACMC),
    SERVER_IDENTITY_LIST("serverIdentity.list", Exchange.ListRequests.class, Exchange.Requests.class, Sender.PEER, Role.VIEWER, ACMC),
    SERVER_IDENTITIES_GET("serverIdentities.get", Common.Empty.class, Exchange.ServerIdentities.class, Sender.PEER, Role.VIEWER, ACMC),
    SERVER_IDENTITIES_SAVE("serverIdentities.save", Exchange.ServerIdentities.class, Exchange.ServerIdentities.class, Sender.PEER, Role.ADMIN, ACMC),
    ACM_CREATE("acm.create", Exchange.AcmCreate.class, Exchange.Created.class, Sender.PEER, Role.ADMIN, ACMC),
    ACM_LIST("acm.list", Exchange.AcmList.class, Exchange.Requests.class, Sender.PEER, Role.VIEWER, ACMC),
    ACM_PENDING("acm.pending", Common.Empty.class, Exchange.Requests.class, Sender.PEER, Role.APPROVER, ACMC),
    ACM_DECIDE("acm.decide", Exchange.Decide.class, Exchange.StatusResult.class, Sender.PEER, Role.APPROVER, ACMC),
    ACM_CANCEL("acm.cancel", Exchange.Cancel.class, Exchange.StatusResult.class, Sender.PEER, Role.ADMIN, ACMC),
    ACM_RESPONSES("acm.responses", Common.Empty.class, Exchange.Requests.class, Sender.PEER, Role.ADMIN, ACMC),
    ACCESS_STATS("access.stats", Common.Empty.class, Console.AccessNodes.class, Sender.PEER, Role.VIEWER, ACMC),
    EVENTS_SUBSCRIBE("events.subscribe", Console.Subscribe.class, Console.Subscribed.class, Sender.PEER, Role.VIEWER, ACMC),
    AUDIT_LIST("audit.list", Console.ListAudit.class, Console.AuditEntries.class, Sender.PEER, Role.ADMIN, ACMC);

    /** Who may send a request of this type. */
    public enum Sender { PEER, SERVER, EITHER }

    private static final Map<String, MessageType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (MessageType t : values()) {
            BY_WIRE_NAME.put(t.wireName, t);
        }
    }

    private final String wireName;
    private final Class<? extends Body> requestBody;
    private final Class<? extends Body> responseBody;
    private final Sender sender;
    private final Role role;
    private final Set<Endpoint> endpoints;

    MessageType(String wireName, Class<? extends Body> requestBody, Class<? extends Body> responseBody,
                Sender sender, Role role, Endpoint first, Endpoint... more) {
        this.wireName = wireName;
        this.requestBody = requestBody;
        this.responseBody = responseBody;
        this.sender = sender;
        this.role = role;
        this.endpoints = EnumSet.of(first, more);
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Body> requestBody() {
        return requestBody;
    }

    public Class<? extends Body> responseBody() {
        return responseBody;
    }

    public Sender sender() {
        return sender;
    }

    /** The role needed on /acmc, or null where the path's authentication alone decides. */
    public Role role() {
        return role;
    }

    public boolean allowedOn(Endpoint endpoint) {
        return endpoints.contains(endpoint);
    }

    public boolean isAuthentication() {
        return wireName.startsWith("auth.") && this != AUTH_USER && this != AUTH_LOGOUT;
    }

    public static Optional<MessageType> ofWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
