package org.mcx.samples;

/**
 * The in-memory state the sample servers share. Instances of one kind share it, as real servers
 * behind one database would: a call set up on one MCPTT instance can be read from the other, so
 * load spreading by the service access server never makes data vanish.
 */
public final class SampleData {
    private final GroupDirectory groups = GroupDirectory.withSampleGroups();
    private final CallLog calls = new CallLog();

    GroupDirectory groups() {
        return groups;
    }

    CallLog calls() {
        return calls;
    }
}
