using DbUp;
using DbUp.Engine;
using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>
/// Applies the numbered SQL files of <c>migrations/</c> (embedded in this assembly) with DbUp, each once,
/// in name order, recording them in <c>schemaversions</c>.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>How long one migration script may run.</summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(2);

    /// <summary>Brings the database at <paramref name="connectionString"/> up to date; throws with the failing script's error.</summary>
    /// <param name="connectionString">The schema owner's connection.</param>
    /// <param name="quiet">Whether to keep DbUp's progress off the console.</param>
    /// <param name="rolePasswords">
    /// Passwords by login, for the logins migrations create without one (<c>hotspotintel_app</c>, <c>hotspotintel_jobs</c>,
    /// <c>hotspotintel_network</c>): each given becomes that login's password, for servers that do not trust local
    /// connections, such as the PostGIS container of docker-compose.yml.
    /// </param>
    public static void Migrate(string connectionString, bool quiet = false, IReadOnlyDictionary<string, string>? rolePasswords = null)
    {
        var storageBefore = TableStorage(connectionString);
        var builder = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            // A migration that fills a table from every report (0046's filtered counts) runs for minutes at a regional
            // size; the driver's default of 30 seconds failed it there. A migration is a one-shot step: let it finish.
            .WithExecutionTimeout(MigrationTimeout);
        builder = quiet ? builder.LogToNowhere() : builder.LogToConsole();
        DatabaseUpgradeResult result = builder.Build().PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }

        if (result.Scripts.Any())
        {
            VacuumRewrittenTables(connectionString, storageBefore);
        }

        foreach (var (role, password) in rolePasswords ?? new Dictionary<string, string>())
        {
            SetRolePassword(connectionString, role, password);
        }
    }

    /// <summary>Each table's storage (its relfilenode), by name: a migration that rewrites a table gives it new storage.</summary>
    private static Dictionary<string, uint> TableStorage(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""
            SELECT c.oid::regclass::text, c.relfilenode::bigint FROM pg_class c
            WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            """, connection);
        using var reader = command.ExecuteReader();
        var storage = new Dictionary<string, uint>(StringComparer.Ordinal);
        while (reader.Read())
        {
            storage[reader.GetString(0)] = (uint)reader.GetInt64(1);
        }

        return storage;
    }

    /// <summary>
    /// A migration that adds a computed column rewrites its table, which leaves the table's visibility map empty: until
    /// autovacuum next visits it (which a rewrite does not prompt), a read meant to come from an index alone (the days of
    /// a report tile's window, migrations/0069) visits a table page for every row. VACUUM cannot run in a migration's
    /// transaction, so each table an upgrade rewrote that holds rows is vacuumed here, with fresh planner statistics.
    /// Tables a migration created, and every table of a new database, are left to autovacuum.
    /// </summary>
    private static void VacuumRewrittenTables(string connectionString, Dictionary<string, uint> storageBefore)
    {
        var rewritten = TableStorage(connectionString)
            .Where(table => storageBefore.TryGetValue(table.Key, out var before) && before != table.Value)
            .Select(table => table.Key)
            .ToList();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var table in rewritten)
        {
            using var size = new NpgsqlCommand("SELECT pg_relation_size($1::regclass)", connection) { Parameters = { new() { Value = table } } };
            if ((long)size.ExecuteScalar()! == 0)
            {
                continue;
            }

            // The name comes from pg_class's own regclass text, already quoted where it needs to be.
            using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", connection) { CommandTimeout = (int)MigrationTimeout.TotalSeconds };
            vacuum.ExecuteNonQuery();
        }
    }

    private static void SetRolePassword(string connectionString, string role, string password)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        // ALTER ROLE takes no parameters; quote_ident and quote_literal make the name and password safe on the server side.
        using var quote = new NpgsqlCommand("SELECT quote_ident($1) || ' PASSWORD ' || quote_literal($2)", connection)
        {
            Parameters = { new() { Value = role }, new() { Value = password } },
        };
        using var alter = new NpgsqlCommand($"ALTER ROLE {(string)quote.ExecuteScalar()!}", connection);
        alter.ExecuteNonQuery();
    }

    /// <summary>
    /// The statement that gives database <paramref name="copy"/> the settings the migrations gave <paramref name="template"/>
    /// (jit = off, migrations/0006), for tests and benchmarks that copy a migrated database: CREATE DATABASE ... TEMPLATE
    /// does not copy them, and the copy would run with the JIT compilation the product never has.
    /// </summary>
    public static string CopySettingsSql(string template, string copy) => $"""
        DO $$
        DECLARE setting text;
        BEGIN
            FOR setting IN SELECT unnest(s.setconfig) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                           WHERE d.datname = '{template}' AND s.setrole = 0 LOOP
                EXECUTE format('ALTER DATABASE %I SET %s = %L', '{copy}', split_part(setting, '=', 1), substr(setting, strpos(setting, '=') + 1));
            END LOOP;
        END
        $$
        """;
}
