package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;

@FunctionalInterface
public interface ConnectionWork<T> {
    T apply(Connection connection) throws SQLException;
}
