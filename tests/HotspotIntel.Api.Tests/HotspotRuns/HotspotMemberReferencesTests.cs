using HotspotIntel.Api.Tests.Fixtures;
using Npgsql;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// A hotspot member's run, hotspot and report (or found location) are checked once a statement rather than by foreign keys row by row
/// (migration 0062): a member naming what does not exist is refused as a foreign key would refuse it, and a deleted
/// report takes its member rows with it even when a run is writing one at the same moment.
/// </summary>
public sealed class HotspotMemberReferencesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("run")]
    [InlineData("hotspot")]
    [InlineData("report")]
    [InlineData("found location")]
    public async Task A_member_naming_a_run_hotspot_report_or_found_location_that_does_not_exist_is_refused(string missing)
    {
        var (runId, hotspotId, reportIds) = await RunWithMembersAsync("HMR" + missing[..2].ToUpperInvariant());
        var secondRun = await AddRunAsync();
        var absent = Guid.NewGuid();
        var insert = missing switch
        {
            "run" => $"INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight) VALUES ('{absent}', '{hotspotId}', '{reportIds[0]}', 1)",
            "hotspot" => $"INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight) VALUES ('{secondRun}', '{absent}', '{reportIds[0]}', 1)",
            "report" => $"""
                INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight)
                VALUES ('{secondRun}', '{hotspotId}', '{reportIds[0]}', 1), ('{secondRun}', '{hotspotId}', '{absent}', 1)
                """,
            _ => $"INSERT INTO hotspot_episode_members (run_id, hotspot_id, episode_id, weight) VALUES ('{secondRun}', '{hotspotId}', '{absent}', 1)",
        };

        var refused = await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync(insert));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Contains($"{missing} {absent}", refused.MessageText);
        Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{secondRun}'"));
        Assert.Equal(reportIds.Length, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{runId}'"));
    }

    [Fact]
    public async Task A_report_deleted_while_a_run_writes_it_as_a_member_leaves_no_member_row_behind()
    {
        var (_, hotspotId, reportIds) = await RunWithMembersAsync("HMRDEL");
        var deleted = reportIds[0];
        var writingRun = await AddRunAsync();

        await using var writer = new NpgsqlConnection(database.ConnectionString);
        await writer.OpenAsync();
        await using var writing = await writer.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight) VALUES ('{writingRun}', '{hotspotId}', '{deleted}', 1)", writer, writing))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var deleter = new NpgsqlConnection(database.ConnectionString);
        await deleter.OpenAsync();
        var deleterPid = deleter.ProcessID;
        var deletion = new NpgsqlCommand($"DELETE FROM intelligence_reports WHERE id = '{deleted}'", deleter).ExecuteNonQueryAsync();
        // The deletion either waits for the writing run (as it must) or, were nothing holding it back, ends first.
        await Eventually.UntilAsync(() => database.ScalarAsync<string>($"SELECT wait_event_type FROM pg_stat_activity WHERE pid = {deleterPid}"),
            waitEvent => deletion.IsCompleted || waitEvent == "Lock", TimeSpan.FromMinutes(1), "the deletion to wait on a lock or end (its wait event)",
            TimeSpan.FromMilliseconds(20));

        await writing.CommitAsync();
        Assert.Equal(1, await deletion);

        Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE report_id = '{deleted}'"));
        Assert.Equal(reportIds.Length - 1, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM hotspot_members WHERE hotspot_id = '{hotspotId}' AND report_id = ANY ('{{{string.Join(',', reportIds)}}}')"));
    }

    private async Task<(Guid Run, Guid Hotspot, Guid[] Reports)> RunWithMembersAsync(string agencyCode)
    {
        var agency = await TestData.CreateAgencyAsync(database.Application, agencyCode);
        var hotspotId = Guid.NewGuid();
        var runId = await database.AddSucceededRunAsync(agency, 5, new HotspotRows.Disc(hotspotId, TestData.CentreLongitude, TestData.CentreLatitude, 150, "persistent", 12));
        var reports = await database.ScalarAsync<Guid[]>($"SELECT array_agg(report_id ORDER BY report_id) FROM hotspot_members WHERE run_id = '{runId}'");
        return (runId, hotspotId, reports!);
    }

    private async Task<Guid> AddRunAsync()
    {
        var runId = Guid.NewGuid();
        await database.ExecuteAsync($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at, started_at)
            VALUES ('{runId}', 'requested', 'gistar', '{"{}"}', 'running', 'test', now(), now())
            """);
        return runId;
    }
}
