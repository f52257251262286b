package org.mcx.backend.store;

import java.sql.SQLException;

@FunctionalInterface
public interface TransactionalWork<T> {
    T apply(Tx tx) throws SQLException;
}
