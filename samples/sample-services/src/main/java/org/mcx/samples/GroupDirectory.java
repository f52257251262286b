package org.mcx.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups of the sample group management server, with a few plausible groups to start from.
 * Bounded, since a demo may run for days with an application adding members every few seconds.
 * Synchronized: the sample servers answer on several threads and the sets are small.
 */
final class GroupDirectory {
    static final int MAX_MEMBERS = 500;

    record Member(String mcServiceId, String role, Instant since) {
    }

    record Group(String groupId, String displayName, String description, String owner, Instant createdAt,
                 List<Member> members) {
    }

    /** The result of adding a member: the member, or why not. */
    enum Outcome { ADDED, ALREADY_MEMBER, NO_SUCH_GROUP, FULL }

    record Added(Outcome outcome, Member member) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();

    static GroupDirectory withSampleGroups() {
        GroupDirectory d = new GroupDirectory();
        Instant created = Instant.parse("2026-01-15T08:00:00Z");
        d.add("fire-north", "Fire brigade, north district", "Engines and ladders of stations 1 to 4", "fire-ops",
                created, "alice", "bob", "carol");
        d.add("ems-dispatch", "EMS dispatch", "Ambulance crews and the dispatch desk", "ems-ops",
                created, "alice", "dave");
        d.add("police-central", "Police, central precinct", "Patrol units of the central precinct", "police-ops",
                created, "erin", "frank");
        d.add("sar-coastal", "Coastal search and rescue", "Lifeboats, helicopter and coordination centre",
                "sar-ops", created, "grace");
        return d;
    }

    private void add(String id, String name, String description, String owner, Instant created, String... members) {
        List<Member> list = new ArrayList<>();
        for (String m : members) {
            list.add(new Member(m, "member", created));
        }
        groups.put(id, new Group(id, name, description, owner, created, list));
    }

    synchronized List<Group> all() {
        return groups.values().stream().map(GroupDirectory::copy).toList();
    }

    synchronized Optional<Group> find(String groupId) {
        return Optional.ofNullable(groups.get(groupId)).map(GroupDirectory::copy);
    }

    /** The ids of the groups {@code mcServiceId} belongs to. */
    synchronized List<String> groupsOf(String mcServiceId) {
        return groups.values().stream()
                .filter(g -> g.members().stream().anyMatch(m -> m.mcServiceId().equals(mcServiceId)))
                .map(Group::groupId).toList();
    }

    synchronized Added addMember(String groupId, String mcServiceId, String role) {
        Group group = groups.get(groupId);
        if (group == null) {
            return new Added(Outcome.NO_SUCH_GROUP, null);
        }
        Optional<Member> existing = group.members().stream().filter(m -> m.mcServiceId().equals(mcServiceId)).findFirst();
        if (existing.isPresent()) {
            return new Added(Outcome.ALREADY_MEMBER, existing.get());
        }
        if (group.members().size() >= MAX_MEMBERS) {
            return new Added(Outcome.FULL, null);
        }
        Member member = new Member(mcServiceId, role, Instant.now());
        group.members().add(member);
        return new Added(Outcome.ADDED, member);
    }

    /** A copy, so answers are built outside the lock from a list nobody changes. */
    private static Group copy(Group g) {
        return new Group(g.groupId(), g.displayName(), g.description(), g.owner(), g.createdAt(), List.copyOf(g.members()));
    }
}
