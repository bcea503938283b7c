using System.Diagnostics;
using HotspotIntel.Bench.Output;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// The baseline the import is measured against: PostgreSQL loading the very same reports CSV with nothing but one
/// COPY … FROM STDIN (FORMAT csv), the fastest way in, into a table of the same shape as intelligence_reports.
/// </summary>
/// <remarks>
/// copy_baseline is <c>LIKE intelligence_reports INCLUDING ALL</c>: the same column types and domains, CHECK
/// constraints, defaults and indexes (primary key, GiST on location, b-trees), but, as LIKE never copies them, no
/// foreign keys. COPY cannot compute a value, and the CSV has longitude and latitude where the table has a geometry,
/// so the plainest honest shape is two extra columns for them and location as a generated column
/// <c>ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)</c>, with the GiST index rebuilt on it; the masking cell,
/// generated from the location, and the report's zoom 13 count cells (for its place and its masking cell, migrations/0069)
/// are rebuilt the same way, with the index on the time that holds them. The risk indicator codes, a comma-separated list in the CSV,
/// go into a text column in place of the text[] (COPY reads an array only in PostgreSQL's own literal). The columns the CSV
/// lacks come from defaults: the importing agency, now(), and ids from a sequence, so the primary key grows at its end
/// as it does with the API's time-ordered UUID v7 ids (random UUIDs would make the baseline slower than it need be).
/// </remarks>
internal static class CopyBaseline
{
    public const string Table = "copy_baseline";

    /// <summary>Creates copy_baseline (empty) for rows of the agency <paramref name="agencyId"/>.</summary>
    public static async Task PrepareAsync(string connectionString, Guid agencyId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(CreateTableSql(agencyId), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>COPYs the CSV at <paramref name="csvPath"/> into copy_baseline, streaming it, and times that.</summary>
    public static async Task<CopyOutcome> RunAsync(string connectionString, string csvPath, CancellationToken cancellationToken)
    {
        // A million rows outlast the default 30 s command timeout, as they do in the import.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginTextImportAsync(CopySql, cancellationToken))
        using (var csv = new StreamReader(csvPath, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan }))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await csv.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        watch.Stop();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {Table}", connection);
        var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return new CopyOutcome(rows, watch.Elapsed);
    }

    /// <summary>COPY names the CSV's own columns, in the import contract's order; the header line is skipped.</summary>
    public static string CopySql => $"COPY {Table} ({string.Join(", ", ReportCsv.Header)}) FROM STDIN (FORMAT csv, HEADER true)";

    private static string CreateTableSql(Guid agencyId) => $"""
        DROP TABLE IF EXISTS {Table};
        DROP SEQUENCE IF EXISTS {Table}_id_seq;
        CREATE SEQUENCE {Table}_id_seq;
        CREATE TABLE {Table} (LIKE intelligence_reports INCLUDING ALL);
        ALTER TABLE {Table} DROP COLUMN zoom13_i, DROP COLUMN zoom13_j, DROP COLUMN masked_zoom13_i, DROP COLUMN masked_zoom13_j,
            DROP COLUMN masking_cell, DROP COLUMN location, DROP COLUMN indicator_codes;
        ALTER TABLE {Table}
            ADD COLUMN longitude double precision NOT NULL,
            ADD COLUMN latitude double precision NOT NULL,
            ADD COLUMN indicator_codes text,
            ADD COLUMN location geometry(Point, 4326) NOT NULL GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED,
            ADD COLUMN masking_cell geometry(Point, 4326) NOT NULL
                GENERATED ALWAYS AS (ST_Transform(ST_SnapToGrid(ST_Transform(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), 27700), 500), 4326)) STORED,
            ADD COLUMN zoom13_i integer GENERATED ALWAYS AS (floor((ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), 3857))
                + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer) STORED,
            ADD COLUMN zoom13_j integer GENERATED ALWAYS AS (floor((20037508.342789244
                - ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), 3857))) / (40075016.685578488 / (64 * 8192)))::integer) STORED,
            ADD COLUMN masked_zoom13_i integer GENERATED ALWAYS AS (floor((ST_X(ST_Transform(ST_Transform(ST_SnapToGrid(ST_Transform(
                ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), 27700), 500), 4326), 3857)) + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer) STORED,
            ADD COLUMN masked_zoom13_j integer GENERATED ALWAYS AS (floor((20037508.342789244 - ST_Y(ST_Transform(ST_Transform(ST_SnapToGrid(ST_Transform(
                ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), 27700), 500), 4326), 3857))) / (40075016.685578488 / (64 * 8192)))::integer) STORED,
            ALTER COLUMN id SET DEFAULT lpad(to_hex(nextval('{Table}_id_seq')), 32, '0')::uuid,
            ALTER COLUMN agency_id SET DEFAULT '{agencyId}',
            ALTER COLUMN created_at SET DEFAULT now(),
            ALTER COLUMN updated_at SET DEFAULT now();
        CREATE INDEX {Table}_location_idx ON {Table} USING gist (location);
        CREATE INDEX {Table}_masking_cell_idx ON {Table} USING gist (masking_cell);
        CREATE INDEX {Table}_child_cell_idx ON {Table} USING btree (masking_cell) WHERE mentions_child OR category = 'missing_found_location';
        CREATE INDEX {Table}_occurred_at_placed_idx ON {Table} (occurred_at)
            INCLUDE (zoom13_i, zoom13_j, masked_zoom13_i, masked_zoom13_j, masking_cell, mentions_child, category, recorded_by_role,
                     agency_id, handling_code, source_evaluation, intelligence_assessment, indicator_codes);
        """;
}

/// <summary>Rows the baseline COPY loaded, and how long it took.</summary>
internal sealed record CopyOutcome(long Rows, TimeSpan Elapsed);
