using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using Npgsql;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// An incremental run reads only what changed since the last snapshot, and falls back to reading everything whenever
/// the changes cannot account for every report there is now.
/// </summary>
public sealed class ReportSnapshotTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task Reading_changes_adds_new_reports_and_replaces_changed_ones_giving_what_a_full_read_gives()
    {
        var agencyId = await StartAsync("SNP1");
        await _scenario.AddUniformAsync(agencyId, 200, 0.31);
        var before = await LoadAsync();

        await _scenario.AddClusterAsync(agencyId, 1000, 1000, 50, 30, 0.32);
        var moved = before.Ids[7];
        await database.ExecuteAsync($"UPDATE intelligence_reports SET category = 'party_house', updated_at = now() + interval '1 second' WHERE id = '{moved}'");
        var changed = await LoadChangesAsync(before);
        var full = await LoadAsync();

        Assert.NotNull(changed);
        Assert.Equal(230, changed.Ids.Count);
        Assert.Equal(Rows(full), Rows(changed));
        Assert.Equal(full.Watermark, changed.Watermark);
        Assert.Equal(200, before.Ids.Count);
    }

    [Fact]
    public async Task A_report_committed_late_with_an_earlier_time_within_the_margin_is_still_read()
    {
        var agencyId = await StartAsync("SNP2");
        await _scenario.AddUniformAsync(agencyId, 50, 0.41);
        var before = await LoadAsync();

        await _scenario.AddUniformAsync(agencyId, 5, 0.42);
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET created_at = '{before.Watermark!.Value:O}'::timestamptz - interval '1 minute',
                                            updated_at = '{before.Watermark!.Value:O}'::timestamptz - interval '1 minute'
            WHERE id NOT IN ({string.Join(", ", before.Ids.Select(id => $"'{id}'"))})
            """);
        var changed = await LoadChangesAsync(before);

        Assert.NotNull(changed);
        Assert.Equal(55, changed.Ids.Count);
    }

    [Theory]
    [InlineData("SNP3", "DELETE FROM intelligence_reports WHERE id IN (SELECT id FROM intelligence_reports WHERE created_at < now() - interval '1 hour' ORDER BY id LIMIT 3)")]
    [InlineData("SNP4", "UPDATE intelligence_reports SET created_at = now() - interval '1 day', updated_at = now() - interval '1 day' WHERE id IN (SELECT id FROM intelligence_reports WHERE created_at > now() - interval '1 hour' ORDER BY id LIMIT 2)")]
    public async Task Changes_that_cannot_account_for_every_report_give_nothing_so_the_run_reads_everything(string agencyCode, string deleteOldOrHideNew)
    {
        var agencyId = await StartAsync(agencyCode);
        await _scenario.AddUniformAsync(agencyId, 40, 0.51);
        var before = await LoadAsync();
        await database.ExecuteAsync($"UPDATE intelligence_reports SET created_at = now() - interval '1 day', updated_at = now() - interval '1 day'");
        await _scenario.AddUniformAsync(agencyId, 5, 0.52);

        // Deleting reports the snapshot held, or new reports stamped too long ago to fall in the margin.
        await database.ExecuteAsync(deleteOldOrHideNew);

        Assert.Null(await LoadChangesAsync(before));
    }

    [Fact]
    public async Task The_measured_count_is_every_report_and_found_location_through_every_kind_of_write_without_counting_them()
    {
        // Emptied by a TRUNCATE (StartAsync): the counts it is added up from are emptied too.
        var agencyId = await StartAsync("SNP5");
        await AssertMeasuredCountIsTheCountAsync();
        await _scenario.AddUniformAsync(agencyId, 40, 0.61);
        await _scenario.AddClusterAsync(agencyId, 1000, 1000, 50, 10, 0.62);
        await AssertMeasuredCountIsTheCountAsync();
        // Moved, recategorised (into and out of the masked class) and made child-linked: a change is no new report.
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET location = {HotspotScenario.PointSql(3000, 300)}, updated_at = now() WHERE id IN (SELECT id FROM intelligence_reports ORDER BY id LIMIT 4);
            UPDATE intelligence_reports SET category = 'missing_found_location', updated_at = now() WHERE id IN (SELECT id FROM intelligence_reports ORDER BY id DESC LIMIT 3);
            UPDATE intelligence_reports SET mentions_child = true, updated_at = now() WHERE id IN (SELECT id FROM intelligence_reports ORDER BY md5(id::text) LIMIT 5);
            """);
        await AssertMeasuredCountIsTheCountAsync();
        await database.FoldReportDensityAsync();
        await database.ExecuteAsync("DELETE FROM intelligence_reports WHERE id IN (SELECT id FROM intelligence_reports ORDER BY md5(id::text) LIMIT 6)");
        await AssertMeasuredCountIsTheCountAsync();
        await database.FoldReportDensityAsync();
        await AssertMeasuredCountIsTheCountAsync();

        // Found locations: counted while an episode has one.
        var episodes = await _scenario.AddFoundLocationsAsync(agencyId, 1000, 1000, 100, 7, 0.63);
        await AssertMeasuredCountIsTheCountAsync();
        await database.ExecuteAsync($"UPDATE missing_episodes SET found_location = NULL, updated_at = now() WHERE id = '{episodes[0]}'");
        await AssertMeasuredCountIsTheCountAsync();
    }

    [Fact]
    public async Task A_found_location_taken_off_its_episode_gives_nothing_so_the_run_reads_everything()
    {
        var agencyId = await StartAsync("SNP6");
        await _scenario.AddUniformAsync(agencyId, 30, 0.71);
        var episodes = await _scenario.AddFoundLocationsAsync(agencyId, 1000, 1000, 100, 4, 0.72);
        var before = await LoadAsync();
        Assert.Equal(34, before.Ids.Count);
        await _scenario.AddUniformAsync(agencyId, 2, 0.73);

        // The change read finds the new reports, not the episode that no longer has a place: it cannot account for them.
        await database.ExecuteAsync($"UPDATE missing_episodes SET found_location = NULL, updated_at = now() WHERE id = '{episodes[1]}'");

        Assert.Null(await LoadChangesAsync(before));
        Assert.Equal(35, (await LoadAsync()).Ids.Count);
    }

    /// <summary>No reports and no missing episodes (found locations are read beside reports), and an agency to record new ones.</summary>
    private async Task<Guid> StartAsync(string agencyCode)
    {
        var agencyId = await _scenario.StartAsync(agencyCode);
        await database.ExecuteAsync("TRUNCATE missing_episodes CASCADE");
        return agencyId;
    }

    /// <summary>As the hotspot job measures, on the jobs' login (row-level security as 'system'), against count(*).</summary>
    private async Task AssertMeasuredCountIsTheCountAsync()
    {
        await using var connection = new NpgsqlConnection(database.JobsConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var (measured, _) = await ReportSnapshot.MeasureAsync(connection, transaction, CancellationToken.None);
        Assert.Equal(await database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM intelligence_reports) + (SELECT count(*) FROM missing_episodes WHERE found_location IS NOT NULL)
            """), measured);
    }

    private static List<string> Rows(ReportSnapshot snapshot) =>
        [.. snapshot.Ids.Select((id, i) => $"{id} {snapshot.Reports[i]} {snapshot.Categories[i]}").Order(StringComparer.Ordinal)];

    private Task<ReportSnapshot> LoadAsync() => InTransactionAsync(ReportSnapshot.LoadAsync);

    private Task<ReportSnapshot?> LoadChangesAsync(ReportSnapshot previous) =>
        InTransactionAsync(async (connection, transaction, token) =>
        {
            var (count, _) = await ReportSnapshot.MeasureAsync(connection, transaction, token);
            return await ReportSnapshot.LoadChangesAsync(connection, transaction, previous, count, token);
        });

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> read)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        return await read(connection, transaction, CancellationToken.None);
    }
}
