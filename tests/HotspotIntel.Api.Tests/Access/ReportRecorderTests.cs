using HotspotIntel.Api.Data;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>
/// Who recorded each report (user and role), which decides whether it counts toward small-count suppression, is set by
/// the database from the session: never by the client, and never changed by an update (migrations/0015).
/// </summary>
public sealed class ReportRecorderTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_database_takes_a_report_s_recorder_from_the_session_whatever_the_writer_sends_and_keeps_it_on_update()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "REC1");
        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId, "tasking-user-rec1");
        var posted = await tasking.CreateAsync("/api/reports", TestData.Report(category: "missing_found_location"));
        var forged = Guid.NewGuid();

        await AsSessionAsync(new AccessSession("tasking-user-rec1", agencyId, "tasking_member"), $"""
            INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location,
                location_precision_meters, source_evaluation, intelligence_assessment, handling_code, security_marking,
                lawful_basis, review_on, created_at, updated_at, recorded_by_user_id, recorded_by_role)
            VALUES ('{forged}', '{agencyId}', 'missing_found_location', 'Synthetic: forged recorder', now(), now(),
                    ST_SetSRID(ST_MakePoint(-1.89, 52.48), 4326), 25, '2', 'B', 'P', 'OFFICIAL', 'law_enforcement',
                    current_date + 365, now(), now(), 'an-analyst', 'analyst')
            """);
        await AsSessionAsync(new AccessSession("analyst-rec1", agencyId, "analyst"), $"""
            UPDATE intelligence_reports SET narrative = 'Synthetic: corrected', recorded_by_user_id = 'analyst-rec1', recorded_by_role = 'analyst'
            WHERE id IN ('{posted}', '{forged}')
            """);

        Assert.Equal("tasking-user-rec1 tasking_member", await RecorderAsync(posted));
        Assert.Equal("tasking-user-rec1 tasking_member", await RecorderAsync(forged));
        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM intelligence_reports WHERE id IN ('{posted}', '{forged}') AND narrative = 'Synthetic: corrected'"));
    }

    [Fact]
    public async Task Reports_recorded_before_the_recorder_was_kept_take_it_from_the_audit_log_else_count_toward_suppression_as_before()
    {
        var cluster = await PostgisCluster.InstanceAsync();
        var connectionString = await cluster.CreateEmptyDatabaseAsync();
        try
        {
            PartialMigration.Apply(connectionString, script => string.CompareOrdinal(script, "0015") < 0);
            var agencyId = Guid.NewGuid();
            var importId = Guid.NewGuid();
            await ExecuteAsync(connectionString, $"INSERT INTO agencies (id, code, name, kind) VALUES ('{agencyId}', 'REC2', 'Synthetic REC2 Agency', 'council')");
            // One cell: a tasking member's report and an analyst's, each posted alone (so the audit log names them);
            // two of an import by a licensing officer; two loaded together by the schema owner (audited as one statement).
            var (tasking, analyst, imported, loaded) = (Guid.NewGuid(), Guid.NewGuid(), new[] { Guid.NewGuid(), Guid.NewGuid() }, new[] { Guid.NewGuid(), Guid.NewGuid() });
            await AsSessionAsync(connectionString, new AccessSession("tasking-user-rec2", agencyId, "tasking_member"), InsertReports(agencyId, null, tasking));
            await AsSessionAsync(connectionString, new AccessSession("analyst-rec2", agencyId, "analyst"), InsertReports(agencyId, null, analyst));
            await AsSessionAsync(connectionString, new AccessSession("licensing-user-rec2", agencyId, "licensing_officer"), $"""
                INSERT INTO imports (id, idempotency_key, kind, content_sha256, agency_id, row_count, imported_at, user_id)
                VALUES ('{importId}', 'rec2', 'reports', 'synthetic', '{agencyId}', 2, now(), 'licensing-user-rec2');
                {InsertReports(agencyId, importId, imported)}
                """);
            await ExecuteAsync(connectionString, InsertReports(agencyId, null, loaded));

            PartialMigration.Apply(connectionString, _ => true);

            await using var migrated = new NpgsqlConnection(connectionString);
            await migrated.OpenAsync();
            async Task<string> Recorder(Guid id) =>
                (string)(await new NpgsqlCommand($"SELECT concat_ws(' ', recorded_by_user_id, recorded_by_role) FROM intelligence_reports WHERE id = '{id}'", migrated).ExecuteScalarAsync())!;
            Assert.Equal("tasking-user-rec2 tasking_member", await Recorder(tasking));
            Assert.Equal("analyst-rec2 analyst", await Recorder(analyst));
            foreach (var id in imported)
            {
                Assert.Equal("licensing-user-rec2 licensing_officer", await Recorder(id));
            }

            Assert.Equal("unrecorded", await Recorder(loaded[0]));
            // The analyst's report and the two loaded together count; the tasking member's and the import's do not.
            Assert.Equal(3L, (long)(await new NpgsqlCommand("SELECT sum(reports) FROM child_report_cells", migrated).ExecuteScalarAsync())!);
        }
        finally
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>Child-linked reports in one 500 m cell of the synthetic city (Birmingham city centre's coordinates).</summary>
    private static string InsertReports(Guid agencyId, Guid? importId, params Guid[] ids) => $"""
        INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location,
            location_precision_meters, source_evaluation, intelligence_assessment, handling_code, security_marking,
            lawful_basis, review_on, created_at, updated_at, import_id)
        SELECT id, '{agencyId}', 'missing_found_location', 'Synthetic: found at the bus station', now(), now(),
               ST_SetSRID(ST_MakePoint(-1.8904, 52.4862), 4326), 25, '2', 'B', 'P', 'OFFICIAL', 'law_enforcement',
               current_date + 365, now(), now(), {(importId is null ? "NULL::uuid" : $"'{importId}'")}
        FROM unnest(ARRAY[{string.Join(", ", ids.Select(id => $"'{id}'::uuid"))}]) AS id
        """;

    private async Task<string> RecorderAsync(Guid id) =>
        (await database.ScalarAsync<string>($"SELECT concat_ws(' ', recorded_by_user_id, recorded_by_role) FROM intelligence_reports WHERE id = '{id}'"))!;

    private Task AsSessionAsync(AccessSession session, string sql) => AsSessionAsync(database.AppConnectionString, session, sql);

    /// <summary>Runs <paramref name="sql"/> as the application role under row-level security, as <paramref name="session"/>'s user.</summary>
    private static async Task AsSessionAsync(string connectionString, AccessSession session, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Username = "hotspotintel_app" }.ConnectionString);
        await connection.OpenAsync();
        await session.ApplyAsync(connection, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
