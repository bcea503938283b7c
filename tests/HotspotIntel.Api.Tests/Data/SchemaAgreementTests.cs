using HotspotIntel.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace HotspotIntel.Api.Tests.Data;

/// <summary>The EF model maps onto exactly what <c>migrations/</c> creates: every mapped column exists with the same nullability and type.</summary>
public sealed class SchemaAgreementTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_mapped_column_exists_in_the_migrated_schema_with_the_same_type_and_nullability()
    {
        var columns = await ReadColumnsAsync();
        await using var db = database.CreateDbContext();
        var mismatches = new List<string>();
        // Entities read from a table-valued function (SeenHotspot) have no table.
        foreach (var entity in db.Model.GetEntityTypes().Where(entity => entity.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                if (!columns.TryGetValue((table, column), out var actual))
                {
                    mismatches.Add($"{table}.{column} is mapped but does not exist");
                    continue;
                }

                if (actual.Nullable != property.IsColumnNullable(store))
                {
                    mismatches.Add($"{table}.{column}: model nullable={property.IsColumnNullable(store)}, schema nullable={actual.Nullable}");
                }

                var modelType = Normalise(property.GetColumnType(store));
                if (modelType != actual.Type)
                {
                    mismatches.Add($"{table}.{column}: model type {modelType}, schema type {actual.Type}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Every_table_in_the_schema_is_mapped()
    {
        var columns = await ReadColumnsAsync();
        await using var db = database.CreateDbContext();
        var mapped = db.Model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet();
        var unmapped = columns.Keys.Select(key => key.Table).Distinct()
            // The database's own bookkeeping, read only by SQL: child_report_cells (kept by triggers for masking) and the
            // report density city-wide tiles add up, unfiltered and by filter (the tables of report_density_tables, kept by triggers and fold_report_density_changes()), each user's write
            // fence for replica reads (note_write_fence(), write_fence()); the link network's ends and derived links (kept
            // by triggers and derive_links(), read by the network's SQL); hotspot members (reports and found locations, and the order of the runs whose members are spans) and the partnership's settings
            // (read by hotspots_seen(), written by the run's SQL and the schema owner); the offline basemap's geography (written by the
            // demo loader, read as GeoJSON by the basemap's SQL); entity resolution's merges and rejections (read and written
            // by its SQL, applied by their triggers); the link network's change log and its pruning horizon (written by triggers and prune_network_changes(), read by
            // NetworkIndex); the records a
            // meeting pack names (written and read by record_meeting_pack_names() and the erasure triggers).
            .Where(table => !mapped.Contains(table)
                && table is not ("schemaversions" or "spatial_ref_sys" or "child_report_cells" or "report_density" or "report_density_refreshes"
                    or "write_fences" or "report_density_changes" or "link_ends" or "derived_links" or "derived_link_evidence"
                    or "derived_link_pending_reports" or "derived_link_passes" or "hotspot_members" or "hotspot_episode_members" or "hotspot_member_groups" or "hotspot_found_groups"
                    or "hotspot_linked_sets" or "hotspot_stale" or "hotspot_member_runs" or "partnership_settings" or "basemap_features" or "entity_merges"
                    or "entity_resolution_rejections" or "report_filter_density" or "report_filter_density_changes" or "report_density_tables"
                    or "report_month_density" or "report_month_density_changes" or "report_category_density" or "report_category_density_changes"
                    or "report_grading_density" or "report_grading_density_changes" or "report_indicator_density" or "report_indicator_density_changes" or "report_grade_density"
                    or "report_grade_density_changes" or "report_quarter_density" or "report_quarter_density_changes" or "network_changes"
                    or "network_changes_horizon" or "meeting_pack_records"))
            .ToList();
        Assert.Empty(unmapped);
    }

    private static string Normalise(string type) => type.ToLowerInvariant().Replace(" ", "") switch
    {
        "timestamp with time zone" or "timestamptz" => "timestampwithtimezone",
        var other => other.Replace("character varying", "text"),
    };

    private async Task<Dictionary<(string Table, string Column), (string Type, bool Nullable)>> ReadColumnsAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // format_type gives typmods (geometry(Point,4326)); domains are compared by their base type.
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, a.attname,
                   format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
                               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END),
                   NOT a.attnotnull
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """, connection);
        var columns = new Dictionary<(string, string), (string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns[(reader.GetString(0), reader.GetString(1))] = (Normalise(reader.GetString(2)), reader.GetBoolean(3));
        }

        return columns;
    }
}
