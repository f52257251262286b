package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.model.Priority;

/**
 * Addition (issue 14, docs/acm.md): what the configuration exchanges beyond server identities carry
 * — R-5.16.4-004 (request users, groups, security levels) and R-5.16.4-005 (send them), in the
 * shape TS 23.280 §10.17 gave administrative configuration management. A request's {@link Content}
 * and its answer's {@link Result} name their kind in a {@code kind} property of their own, so one
 * pair of ACMS messages and one set of console messages carry every kind, and each is checked
 * against its kind's shape when it is read.
 */
public final class Acm {
    private Acm() {
    }

    public static final String USER_MIGRATION_ADD = "userMigration.add";
    public static final String USER_MIGRATION_REMOVE = "userMigration.remove";
    public static final String GROUPS_REQUEST = "groups.request";
    public static final String GROUP_MEMBERSHIP_UPDATE = "groupMembership.update";

    /** Users one request may carry, whatever the partner's own policy allows. */
    public static final int MAX_USERS = 10_000;

    /** How soon the partner's approvers should look: urgent requests come first in their queue. */
    public enum Urgency {
        @JsonProperty("normal") NORMAL,
        @JsonProperty("urgent") URGENT;

        public static Urgency orNormal(Urgency u) {
            return u == null ? NORMAL : u;
        }
    }

    /** What a request asks for, by kind. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = UserMigration.class, name = USER_MIGRATION_ADD),
            @JsonSubTypes.Type(value = UserRemoval.class, name = USER_MIGRATION_REMOVE),
            @JsonSubTypes.Type(value = GroupQuery.class, name = GROUPS_REQUEST),
            @JsonSubTypes.Type(value = MembershipUpdate.class, name = GROUP_MEMBERSHIP_UPDATE)})
    public sealed interface Content permits UserMigration, UserRemoval, GroupQuery, MembershipUpdate {
        /** The kind's name, as on the wire. */
        @JsonIgnore
        String kind();

        /** The users it names (of the asking system), for limits and lists. */
        @JsonIgnore
        List<String> namedUsers();
    }

    /** The partner's answer, by kind. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = MigrationOutcomes.class, name = USER_MIGRATION_ADD),
            @JsonSubTypes.Type(value = RemovalOutcomes.class, name = USER_MIGRATION_REMOVE),
            @JsonSubTypes.Type(value = GroupList.class, name = GROUPS_REQUEST),
            @JsonSubTypes.Type(value = MembershipOutcomes.class, name = GROUP_MEMBERSHIP_UPDATE)})
    public sealed interface Result permits MigrationOutcomes, RemovalOutcomes, GroupList, MembershipOutcomes {
        @JsonIgnore
        String kind();
    }

    /**
     * A user of the asking system as the partner needs it to create them there: the groups they
     * must join, their security level (the asking system's name for it; the partner maps it to its
     * own) and the highest priority they may claim. In {@code acm.create} only the id and the groups
     * count: the asking system sends what it holds of the user.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MigratingUser(String mcServiceId, String displayName, List<String> groups, String securityLevel,
                                Priority maxPriority) {
        public MigratingUser {
            Check.id(mcServiceId, "mcServiceId");
            displayName = Check.optionalText(displayName, "displayName", 400);
            groups = groups == null ? List.of() : Check.ids(groups, "groups", 0, 64);
            securityLevel = Check.optionalId(securityLevel, "securityLevel");
            maxPriority = maxPriority == null ? Priority.NORMAL : maxPriority;
        }
    }

    /** {@code userMigration.add}: create or update these users on the partner, as migrated users. */
    public record UserMigration(List<MigratingUser> users) implements Content {
        public UserMigration {
            users = Check.list(users, "users", 1, MAX_USERS);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < users.size(); i++) {
                if (!seen.add(users.get(i).mcServiceId())) {
                    throw ProtocolException.badRequest("users[" + i + "].mcServiceId", "repeats " + users.get(i).mcServiceId());
                }
            }
        }

        @Override
        public String kind() {
            return USER_MIGRATION_ADD;
        }

        @Override
        public List<String> namedUsers() {
            return users.stream().map(MigratingUser::mcServiceId).toList();
        }
    }

    /** {@code userMigration.remove}: remove these migrated users from the partner. */
    public record UserRemoval(List<String> users) implements Content {
        public UserRemoval {
            users = uniqueIds(users, "users", 1);
        }

        @Override
        public String kind() {
            return USER_MIGRATION_REMOVE;
        }

        @Override
        public List<String> namedUsers() {
            return users;
        }
    }

    /** {@code groups.request}: the partner's groups shared with us (all of them when {@code groups} is empty). */
    public record GroupQuery(List<String> groups) implements Content {
        public GroupQuery {
            groups = groups == null ? List.of() : uniqueIds(groups, "groups", 0);
        }

        @Override
        public String kind() {
            return GROUPS_REQUEST;
        }

        @Override
        public List<String> namedUsers() {
            return List.of();
        }
    }

    /** {@code groupMembership.update}: add or remove users of the asking system to or from a partner's group. */
    public record MembershipUpdate(String groupId, List<String> add, List<String> remove) implements Content {
        public MembershipUpdate {
            Check.id(groupId, "groupId");
            add = add == null ? List.of() : uniqueIds(add, "add", 0);
            remove = remove == null ? List.of() : uniqueIds(remove, "remove", 0);
            if (add.isEmpty() && remove.isEmpty()) {
                throw ProtocolException.badRequest("add", "add or remove must name at least one user");
            }
            for (int i = 0; i < remove.size(); i++) {
                if (add.contains(remove.get(i))) {
                    throw ProtocolException.badRequest("remove[" + i + "]", remove.get(i) + " is also in add");
                }
            }
        }

        @Override
        public String kind() {
            return GROUP_MEMBERSHIP_UPDATE;
        }

        @Override
        public List<String> namedUsers() {
            List<String> all = new java.util.ArrayList<>(add);
            all.addAll(remove);
            return all;
        }
    }

    /** What the partner did for one user. */
    public enum Outcome {
        @JsonProperty("created") CREATED,
        @JsonProperty("updated") UPDATED,
        @JsonProperty("removed") REMOVED,
        @JsonProperty("added") ADDED,
        @JsonProperty("notFound") NOT_FOUND,
        @JsonProperty("refused") REFUSED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserOutcome(String mcServiceId, Outcome outcome, String reason) {
        public UserOutcome {
            Check.id(mcServiceId, "mcServiceId");
            Check.required(outcome, "outcome");
            reason = Check.optionalText(reason, "reason", 500);
        }
    }

    public record MigrationOutcomes(List<UserOutcome> users) implements Result {
        public MigrationOutcomes {
            users = Check.list(users, "users", 0, MAX_USERS);
        }

        @Override
        public String kind() {
            return USER_MIGRATION_ADD;
        }
    }

    public record RemovalOutcomes(List<UserOutcome> users) implements Result {
        public RemovalOutcomes {
            users = Check.list(users, "users", 0, MAX_USERS);
        }

        @Override
        public String kind() {
            return USER_MIGRATION_REMOVE;
        }
    }

    public record MembershipOutcomes(String groupId, List<UserOutcome> users) implements Result {
        public MembershipOutcomes {
            Check.id(groupId, "groupId");
            users = Check.list(users, "users", 0, MAX_USERS);
        }

        @Override
        public String kind() {
            return GROUP_MEMBERSHIP_UPDATE;
        }
    }

    /** A member of a partner's group; {@code securityLevel} only where the partner discloses it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupMember(String mcServiceId, String securityLevel) {
        public GroupMember {
            Check.id(mcServiceId, "mcServiceId");
            securityLevel = Check.optionalId(securityLevel, "securityLevel");
        }
    }

    public record GroupInfo(String groupId, String name, List<GroupMember> members) {
        public GroupInfo {
            Check.id(groupId, "groupId");
            name = Check.text(name, "name", 200);
            members = Check.list(members, "members", 0, MAX_USERS);
        }
    }

    public record GroupList(List<GroupInfo> groups) implements Result {
        public GroupList {
            groups = Check.list(groups, "groups", 0, 10_000);
        }

        @Override
        public String kind() {
            return GROUPS_REQUEST;
        }
    }

    private static List<String> uniqueIds(List<String> ids, String field, int min) {
        List<String> checked = Check.ids(ids, field, min, MAX_USERS);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < checked.size(); i++) {
            if (!seen.add(checked.get(i))) {
                throw ProtocolException.badRequest(field + "[" + i + "]", "repeats " + checked.get(i));
            }
        }
        return checked;
    }
}
