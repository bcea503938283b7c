using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>
/// A bulk load's indexes made after its rows, as pg_restore does: the secondary indexes and foreign keys of the schema's
/// tables are dropped in the load's transaction before its COPY, and made again from their own definitions after it, so
/// each index is built once from sorted rows rather than grown a row at a time, and each foreign key is checked by one
/// join rather than a lookup per row. The schema ends as the migrations left it, every key checked. Unique indexes and
/// most primary keys stay, since the triggers that fill derived tables during the COPY rely on some (ON CONFLICT); the
/// primary keys of the tables named go too (none of them such a target): a regional city's 4,000,000 recorded link
/// ends would otherwise go one at a time into a key of about a gigabyte.
/// </summary>
internal static class IndexesAfterLoad
{
    /// <summary>
    /// Drops them, and the primary keys of <paramref name="primaryKeysOf"/>; returns the statements that make them again,
    /// keys and indexes before the foreign keys that use them.
    /// </summary>
    public static async Task<List<string>> DropAsync(NpgsqlConnection connection, IReadOnlyList<string> primaryKeysOf, CancellationToken cancellationToken)
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
            UNION ALL
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)), 0
            FROM pg_constraint c
            WHERE c.contype = 'p' AND c.conrelid = ANY ($1::text[]::regclass[])
            ORDER BY 3 DESC
            """, connection)
        {
            Parameters = { new() { Value = primaryKeysOf.ToArray() } },
        };
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
