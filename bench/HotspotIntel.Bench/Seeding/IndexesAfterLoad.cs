using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>
/// A bulk load's indexes made after its rows, as pg_restore does: the secondary indexes and foreign keys of the schema's
/// tables are dropped in the load's transaction before its COPY, and made again from their own definitions after it, so
/// each index is built once from sorted rows rather than grown a row at a time, and each foreign key is checked by one
/// join rather than a lookup per row. The schema ends as the migrations left it, every key checked. Primary keys and
/// unique indexes stay: the triggers that fill derived tables during the COPY may rely on them (ON CONFLICT).
/// </summary>
internal static class IndexesAfterLoad
{
    /// <summary>Drops them; returns the statements that make them again, indexes before the foreign keys that use them.</summary>
    public static async Task<List<string>> DropAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Ordinary tables of the schema, not partitions (a partition's index belongs to its parent's) nor an extension's.
        const string Tables = """
            SELECT t.oid FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relkind = 'r' AND NOT t.relispartition
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            """;
        await using var command = new NpgsqlCommand($"""
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)), 2
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid IN ({Tables})
            UNION ALL
            SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 1
            FROM pg_index i
            WHERE i.indrelid IN ({Tables}) AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 3 DESC
            """, connection);
        var drops = new List<string>();
        var creates = new List<(string Sql, int Order)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                drops.Add(reader.GetString(0));
                creates.Add((reader.GetString(1), reader.GetInt32(2)));
            }
        }

        foreach (var drop in drops)
        {
            await using var statement = new NpgsqlCommand(drop, connection);
            await statement.ExecuteNonQueryAsync(cancellationToken);
        }

        return [.. creates.OrderBy(create => create.Order).Select(create => create.Sql)];
    }

    /// <summary>Makes them again, on the same connection and transaction.</summary>
    public static async Task CreateAsync(NpgsqlConnection connection, IEnumerable<string> creates, CancellationToken cancellationToken)
    {
        foreach (var create in creates)
        {
            await using var statement = new NpgsqlCommand(create, connection);
            await statement.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
