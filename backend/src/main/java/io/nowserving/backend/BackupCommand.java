package io.nowserving.backend;

import io.nowserving.backend.sql.Database;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code java -jar nowserving-backend.jar backup <file.sql>} and {@code … restore <file.sql>}: an SQL dump of the H2
 * database (the embedded one under NOWSERVING_DATA_DIR, or an H2 {@code DATABASE_URL}) with H2's {@code SCRIPT TO},
 * and its restore into an empty database with {@code RUNSCRIPT FROM}; same settings as the backend. The embedded
 * file is locked while the backend runs: stop it first. PostgreSQL has pg_dump and pg_restore (docs/OPERATING.md).
 * Exit 0 done, 1 failed or refused (a database that is not empty), 2 bad usage or not H2.
 */
public final class BackupCommand {
    private BackupCommand() {
    }

    public static int backup(Settings settings, List<String> args, PrintStream out) {
        return run(settings, args, out, true);
    }

    public static int restore(Settings settings, List<String> args, PrintStream out) {
        return run(settings, args, out, false);
    }

    private static int run(Settings settings, List<String> args, PrintStream out, boolean backup) {
        String verb = backup ? "backup" : "restore";
        if (args.size() != 1) {
            out.println("usage: " + verb + " <file.sql>");
            return 2;
        }
        String url = settings.databaseUrl().orElseGet(() -> Database.embeddedH2Url(settings.dataDir()));
        if (!url.startsWith("jdbc:h2:")) {
            out.println(verb + ": DATABASE_URL is not H2; use " + (backup ? "pg_dump" : "pg_restore")
                    + " for PostgreSQL (docs/OPERATING.md)");
            return 2;
        }
        Path file = Path.of(args.get(0)).toAbsolutePath();
        if (!backup && !Files.isReadable(file)) {
            out.println("restore: cannot read " + file);
            return 1;
        }
        // a raw connection: no Flyway, so a restore finds the database as empty as it is; a backup never makes one
        String open = backup && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS") ? url + ";IFEXISTS=TRUE" : url;
        try (Connection c = DriverManager.getConnection(open, settings.databaseUser().orElse(null),
                settings.databasePassword().orElse(null)); Statement s = c.createStatement()) {
            if (backup) {
                s.execute("SCRIPT TO " + literal(file));
                out.println("backup: the database is in " + file);
                return 0;
            }
            if (tables(s) > 0) {
                out.println("restore: refused: the database already has tables; restore into an empty one");
                return 1;
            }
            s.execute("RUNSCRIPT FROM " + literal(file));
            out.println("restore: " + file + " loaded; start the backend (and `recover <branch>` for each branch if"
                    + " Redis was not restored from its own snapshot)");
            return 0;
        } catch (SQLException e) {
            out.println(verb + " failed: " + e.getMessage().lines().findFirst().orElse("")
                    + (e.getMessage().contains("already in use") ? " (stop the backend first)" : ""));
            return 1;
        }
    }

    private static int tables(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public'"
                + " OR TABLE_SCHEMA = 'PUBLIC'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String literal(Path file) {
        return "'" + file.toString().replace("'", "''") + "'";
    }
}
