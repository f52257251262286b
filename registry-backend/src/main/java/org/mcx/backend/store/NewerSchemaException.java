package org.mcx.backend.store;

/**
 * The database was migrated by a newer version of the backend than this one. Starting on it would
 * run code that does not know the newer tables, so start is refused with a sentence an operator
 * can act on (the message), never with a Flyway stack trace.
 */
public final class NewerSchemaException extends StoreRefusedException {
    private final String databaseSchema;
    private final String knownSchema;

    NewerSchemaException(String where, String databaseSchema, String knownSchema) {
        super("the database in " + where + " was written by a newer version (schema " + databaseSchema
                + "); this version knows up to schema " + knownSchema
                + ": install the newer version or restore a backup made by this one");
        this.databaseSchema = databaseSchema;
        this.knownSchema = knownSchema;
    }

    public String databaseSchema() {
        return databaseSchema;
    }

    public String knownSchema() {
        return knownSchema;
    }
}
