package io.nowserving.backend.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * One test's database (see {@link TestDatabases}): {@link #open()} it as often as needed, e.g. to check that
 * data survives a restart; {@link #close()} closes every {@link Database} it opened and drops what it created.
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final Runnable drop;
    private final List<Database> opened = new ArrayList<>();

    TestDatabase(String url, String user, String password, Runnable drop) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.drop = drop;
    }

    /** Opens (and migrates) the database through {@link Database#open}, as the backend does. */
    public Database open() {
        Database db = Database.open(url, user, password);
        opened.add(db);
        return db;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        opened.clear();
        drop.run();
    }
}
