package org.maildrift.mta.postfix.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.maildrift.mta.FilesRoot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The database tables of one check: opens each table definition a host's main.cf names, reaches its
 * database as the inventory says (pooled, read-only, 2 s to connect and to answer), and closes every
 * connection at the end. An SQLite table is read from the database file under the host's files-root
 * (or the file the inventory names); a MySQL or PostgreSQL table only where the inventory lists it,
 * since {@code hosts = 127.0.0.1} in the file means the mail host's own database.
 */
public final class TableConnections implements TableAccess, AutoCloseable {

    /** Lookups a check may make across all tables (each distinct name once per table). */
    public static final int DEFAULT_BUDGET = 200_000;

    private final Map<String, TableOverride> overrides = new LinkedHashMap<>();
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final List<Connection> sqlite = new ArrayList<>();
    private final AtomicInteger budget;

    public TableConnections(List<TableOverride> overrides) {
        this(overrides, DEFAULT_BUDGET);
    }

    public TableConnections(List<TableOverride> overrides, int budget) {
        overrides.forEach(o -> this.overrides.put(o.file(), o));
        this.budget = new AtomicInteger(budget);
    }

    @Override
    public synchronized Opened open(String type, String file, FilesRoot files) {
        if (!type.equals("sqlite") && !type.equals("mysql") && !type.equals("pgsql") && !type.equals("ldap")) {
            return Opened.not(type + ":" + file + ": maildrift does not look " + type
                    + ": tables up itself; the host's agent can answer for it (config: agent)");
        }
        TableOverride o = overrides.get(file);
        FilesRoot.Read read = files.read(file);
        if (!read.ok() && o == null && !type.equals("sqlite")) {
            return Opened.not(type + ":" + file + ": maildrift queries " + (type.equals("ldap") ? "a directory" : "a database")
                    + " only where the inventory says how to reach it (hosts[].tables), or the host's agent answers"
                    + " (config: agent)");
        }
        if (!read.ok()) {
            return Opened.not(type + ":" + file + ": " + read.failure());
        }
        TableDefinition d;
        try {
            d = TableDefinition.parse(type, file, read.text());
            return switch (type) {
                case "sqlite" -> sqlite(d, o, files);
                case "ldap" -> ldap(d, o);
                default -> server(d, o);
            };
        } catch (TableDefinition.DefinitionException e) {
            return Opened.not(e.getMessage());
        }
    }

    private Opened sqlite(TableDefinition d, TableOverride o, FilesRoot files) throws TableDefinition.DefinitionException {
        Path db;
        if (o != null && o.dbpath() != null) {
            db = o.dbpath();
            if (!Files.isRegularFile(db)) {
                return Opened.not("sqlite:" + d.file() + ": " + db + " (hosts[].tables dbpath) is not a file");
            }
        } else {
            String dbpath = d.get("dbpath").orElse(null);
            if (dbpath == null) {
                return Opened.not(d.file() + ": no dbpath");
            }
            FilesRoot.Located at = files.locate(dbpath);
            if (!at.ok()) {
                return Opened.not("sqlite:" + d.file() + ": dbpath " + at.failure());
            }
            db = at.path();
        }
        Path file = db;
        SqlTableLookup.Connections one = new SqlTableLookup.Connections() {
            private Connection c;

            @Override
            public synchronized Connection get() throws SQLException {
                if (c == null) {
                    Properties p = new Properties();
                    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: never create or change the file
                    p.setProperty("busy_timeout", "2000");
                    c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
                    synchronized (TableConnections.this) {
                        sqlite.add(c);
                    }
                }
                return c;
            }

            @Override
            public void release(Connection c) {
                // the one connection stays open until the check ends
            }
        };
        return Opened.of(new SqlTableLookup(d, one, budget));
    }

    private Opened ldap(TableDefinition d, TableOverride o) throws TableDefinition.DefinitionException {
        if (o == null) {
            return Opened.not("ldap:" + d.file() + ": server_host = " + d.get("server_host").orElse("localhost")
                    + " is seen from the mail host; say in the inventory how maildrift reaches this directory"
                    + " (hosts[].tables) or let the host's agent answer");
        }
        String port = d.get("server_port").orElse("389");
        if (!port.matches("[0-9]{1,5}")) {
            return Opened.not(d.file() + ": server_port is not a port number");
        }
        List<String> urls = new ArrayList<>();
        String hosts = o.hosts() != null ? o.hosts() : d.get("server_host").orElse("localhost");
        for (String h : hosts.split("[, \t]+")) {
            if (h.isEmpty() || h.startsWith("ldapi:")) {
                continue; // a socket on the mail host
            }
            String hostPort = h.replaceFirst("^ldaps?://", "").replaceFirst("/.*$", "");
            if (!hostPort.matches("[A-Za-z0-9._-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
                return Opened.not(d.file() + ": server_host: '" + org.maildrift.files.Printable.of(h, 80)
                        + "' is not a host, host:port or LDAP URL");
            }
            String scheme = h.startsWith("ldaps://") ? "ldaps://" : "ldap://";
            urls.add(scheme + (hostPort.matches(".*:[0-9]{1,5}$") ? hostPort : hostPort + ":" + port));
        }
        if (urls.isEmpty()) {
            return Opened.not(d.file() + ": server_host names only sockets on the mail host; give hosts[].tables hosts");
        }
        String bindDn = o.user() != null ? o.user() : d.get("bind_dn").orElse("");
        String bindPw;
        if (o.passwordFile() != null) {
            try {
                bindPw = Files.readString(o.passwordFile()).strip();
            } catch (IOException e) {
                return Opened.not(d.file() + ": the password file of hosts[].tables cannot be read: "
                        + org.maildrift.files.TextFile.describe(e));
            }
        } else {
            bindPw = d.get("bind_pw").orElse("");
        }
        return Opened.of(new LdapTableLookup(d, urls, bindDn, bindPw, budget));
    }

    private Opened server(TableDefinition d, TableOverride o) throws TableDefinition.DefinitionException {
        if (o == null) {
            return Opened.not(d.type() + ":" + d.file() + ": hosts = " + String.join(" ", d.hosts())
                    + " is seen from the mail host; say in the inventory how maildrift reaches this database"
                    + " (hosts[].tables) or let the host's agent answer");
        }
        List<String> hosts = o.hosts() != null ? List.of(o.hosts().split("[, \t]+")) : d.hosts();
        String dbname = o.dbname() != null ? o.dbname() : d.get("dbname").orElse(null);
        if (dbname == null) {
            return Opened.not(d.file() + ": no dbname");
        }
        String user = o.user() != null ? o.user() : d.get("user").orElse(null);
        String password;
        if (o.passwordFile() != null) {
            try {
                password = Files.readString(o.passwordFile()).strip();
            } catch (IOException e) {
                return Opened.not(d.file() + ": the password file of hosts[].tables cannot be read: "
                        + org.maildrift.files.TextFile.describe(e));
            }
        } else {
            password = d.get("password").orElse(null);
        }
        List<String> addresses = new ArrayList<>();
        for (String h : hosts) {
            String a = h.startsWith("inet:") ? h.substring(5) : h;
            if (a.startsWith("unix:") || a.startsWith("/")) {
                continue; // a socket on the mail host
            }
            if (!a.matches("[A-Za-z0-9._-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
                return Opened.not(d.file() + ": hosts: '" + org.maildrift.files.Printable.of(h, 80)
                        + "' is not host[:port]");
            }
            addresses.add(a);
        }
        if (addresses.isEmpty()) {
            return Opened.not(d.file() + ": hosts names only UNIX sockets on the mail host; give hosts[].tables hosts");
        }
        if (!dbname.matches("[A-Za-z0-9_$.-]{1,64}")) {
            return Opened.not(d.file() + ": dbname is not a plain database name");
        }
        String url = d.type().equals("mysql")
                ? "jdbc:mariadb:sequential://" + String.join(",", addresses) + "/" + dbname
                        + "?connectTimeout=2000&socketTimeout=" + (SqlTableLookup.QUERY_TIMEOUT_SECONDS * 1000 + 500)
                        + "&assureReadOnly=true"
                : "jdbc:postgresql://" + String.join(",", addresses) + "/" + dbname
                        + "?connectTimeout=2&socketTimeout=" + (SqlTableLookup.QUERY_TIMEOUT_SECONDS + 1)
                        + "&loginTimeout=2&readOnly=true&readOnlyMode=always&ApplicationName=maildrift";
        String key = url + "\u0000" + user + "\u0000" + password;
        HikariDataSource pool = pools.computeIfAbsent(key, k -> {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(url);
            c.setUsername(user);
            c.setPassword(password);
            c.setReadOnly(true);
            c.setAutoCommit(true);
            c.setMaximumPoolSize(4);
            c.setMinimumIdle(0);
            c.setConnectionTimeout(2_500);
            c.setValidationTimeout(1_000);
            c.setInitializationFailTimeout(-1);
            c.setPoolName("maildrift-table-" + pools.size());
            return new HikariDataSource(c);
        });
        SqlTableLookup.Connections pooled = new SqlTableLookup.Connections() {
            @Override
            public Connection get() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void release(Connection c) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // the pool discards a connection it cannot take back
                }
            }
        };
        return Opened.of(new SqlTableLookup(d, pooled, budget));
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
        for (Connection c : sqlite) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing a read-only file connection: nothing to keep
            }
        }
        sqlite.clear();
    }
}
