using HotspotIntel.Api.Data;
using HotspotIntel.Api.Tests.Fixtures;
using Npgsql;

namespace HotspotIntel.Api.Tests.Data;

public sealed class MigrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Migrating_again_changes_nothing_and_can_give_the_application_jobs_and_network_copy_logins_their_passwords()
    {
        var applied = await database.ScalarAsync<long>("SELECT count(*) FROM schemaversions");

        DatabaseMigrator.Migrate(database.ConnectionString, quiet: true, new Dictionary<string, string>
        {
            ["hotspotintel_app"] = "synthetic-test-password",
            ["hotspotintel_jobs"] = "synthetic-jobs-password",
            ["hotspotintel_network"] = "synthetic-network-password",
        });

        Assert.Equal(applied, await database.ScalarAsync<long>("SELECT count(*) FROM schemaversions"));
        Assert.StartsWith("SCRAM-SHA-256$", await database.ScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = 'hotspotintel_app'"));
        Assert.StartsWith("SCRAM-SHA-256$", await database.ScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = 'hotspotintel_jobs'"));
        Assert.StartsWith("SCRAM-SHA-256$", await database.ScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = 'hotspotintel_network'"));
    }

    [Fact]
    public async Task An_upgrade_that_rewrites_the_reports_leaves_them_placed_as_the_counts_place_them_and_readable_from_an_index_alone()
    {
        var cluster = await PostgisCluster.InstanceAsync();
        var connectionString = await cluster.CreateEmptyDatabaseAsync();
        try
        {
            PartialMigration.Apply(connectionString, script => string.CompareOrdinal(script, "0069") < 0);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            async Task<T> Scalar<T>(string sql) => (T)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
            await new NpgsqlCommand("""
                INSERT INTO agencies (id, code, name, kind) VALUES ('00000000-0000-0000-0000-00000000a069', 'MIG69', 'Synthetic MIG69 Agency', 'council');
                INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location, location_precision_meters,
                    source_evaluation, intelligence_assessment, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
                SELECT gen_random_uuid(), '00000000-0000-0000-0000-00000000a069', CASE WHEN n % 2 = 0 THEN 'party_house' ELSE 'missing_found_location' END,
                       'Synthetic: migration 0069', now() - n * interval '1 hour', now(),
                       ST_SetSRID(ST_MakePoint(-1.95 + n * 0.0007, 52.44 + n * 0.0004), 4326), 25, '2', 'B', 'P', 'OFFICIAL', 'law_enforcement',
                       current_date + 365, now(), now()
                FROM generate_series(1, 2000) n;
                """, connection).ExecuteNonQueryAsync();

            DatabaseMigrator.Migrate(connectionString, quiet: true);

            // Each report's cells are where the counts written before the upgrade placed it (by projecting it then): the same
            // sums by zoom 13 cell as the reports' writes appended to the density changes.
            Assert.Equal(
                await Scalar<string>("""
                    SELECT string_agg(format('%s,%s,%s', i, j, n), ' ' ORDER BY i, j)
                    FROM (SELECT i, j, sum(reports) AS n FROM report_density_changes WHERE zoom = 13 AND seen_by <> 'masked_roles' GROUP BY i, j) d
                    """),
                await Scalar<string>("""
                    SELECT string_agg(format('%s,%s,%s', zoom13_i, zoom13_j, n), ' ' ORDER BY zoom13_i, zoom13_j)
                    FROM (SELECT zoom13_i, zoom13_j, count(*) AS n FROM intelligence_reports GROUP BY 1, 2) r
                    """));
            Assert.Equal(
                await Scalar<string>("""
                    SELECT string_agg(format('%s,%s,%s', i, j, n), ' ' ORDER BY i, j)
                    FROM (SELECT i, j, sum(reports) AS n FROM report_density_changes WHERE zoom = 13 AND seen_by = 'masked_roles' GROUP BY i, j) d
                    """),
                await Scalar<string>("""
                    SELECT string_agg(format('%s,%s,%s', masked_zoom13_i, masked_zoom13_j, n), ' ' ORDER BY masked_zoom13_i, masked_zoom13_j)
                    FROM (SELECT masked_zoom13_i, masked_zoom13_j, count(*) AS n FROM intelligence_reports WHERE category = 'missing_found_location' GROUP BY 1, 2) r
                    """));
            // The rewritten table was vacuumed and analysed as the upgrade ended, so its pages are marked visible again for
            // the days of a tile's window to be read from the index alone; a table the upgrade did not rewrite was not.
            Assert.True(await Scalar<bool>("""
                SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'intelligence_reports'
                """));
            Assert.True(await Scalar<bool>("SELECT last_vacuum IS NULL FROM pg_stat_user_tables WHERE relname = 'agencies'"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_test_database_copied_from_the_migrated_template_keeps_its_settings_as_a_migrated_one_has_them()
    {
        // migrations/0006 turns JIT off for the database; a copy that ran with it on would time what the product never runs.
        Assert.Equal("off", await database.ScalarAsync<string>("SHOW jit"));
    }
}
