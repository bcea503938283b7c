using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;
using static HotspotIntel.Api.Tests.Tiles.TileReading;

namespace HotspotIntel.Api.Tests.Scaling;

/// <summary>
/// Two API instances over a primary and a streaming replica (pg_basebackup), as a region that has outgrown one machine
/// runs: reads that may go to the replica do, except that a user always reads what they wrote, on either instance;
/// row-level security and masking answer the same there; a replica that stops answering leaves reads on the primary.
/// Replay on the replica is paused to tell which server answered.
/// </summary>
public sealed class ReplicaReadsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private PostgisCluster _primary = null!;
    private PostgisCluster _replica = null!;
    private HotspotIntelApplication _first = null!;
    private HotspotIntelApplication _second = null!;
    private HotspotIntelApplication _primaryOnly = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _primary = await PostgisCluster.StartDedicatedAsync();
        var owner = await _primary.CreateDatabaseAsync();
        _database = new NpgsqlConnectionStringBuilder(owner).Database!;
        _replica = _primary.StartReplica();
        await Eventually.UntilAsync(DatabaseExistsOnReplicaAsync, exists => exists, Patience, "the test database to reach the replica");
        var application = new NpgsqlConnectionStringBuilder(owner) { Username = "hotspotintel_app" }.ConnectionString;
        var replica = new NpgsqlConnectionStringBuilder(_replica.ConnectionStringFor(_database)) { Username = "hotspotintel_app" }.ConnectionString;
        var settings = new Dictionary<string, string> { ["ConnectionStrings:HotspotIntelReplica"] = replica };
        _first = new HotspotIntelApplication(application, settings);
        _second = new HotspotIntelApplication(application, settings);
        _primaryOnly = new HotspotIntelApplication(application);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _primaryOnly.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _replica.DisposeAsync();
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task A_user_reads_their_own_write_on_either_instance_while_others_read_the_replica_s_copy_until_it_replays()
    {
        var agencyId = await TestData.CreateAgencyAsync(_first, "REPL1");
        using var writerOnFirst = _first.CreateClient(UserRole.Analyst, agencyId, "replica-writer");
        using var writerOnSecond = _second.CreateClient(UserRole.Analyst, agencyId, "replica-writer");
        using var colleagueOnSecond = _second.CreateClient(UserRole.Analyst, agencyId, "replica-colleague");
        await WaitForReplayAsync();

        await SetReplayPausedAsync(true);
        try
        {
            var created = await writerOnFirst.PostAsJsonAsync("/api/premises", EntityTestData.Premises());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

            // The writer's next requests, on the other instance: the replica has not replayed the write, so the primary answers.
            Assert.Equal(HttpStatusCode.OK, (await writerOnSecond.GetAsync($"/api/premises/{id}/concerns")).StatusCode);
            Assert.Contains(id.ToString(), await writerOnSecond.GetStringAsync("/api/premises"));

            // A colleague who wrote nothing reads the replica, which does not have it yet.
            Assert.Equal(HttpStatusCode.NotFound, (await colleagueOnSecond.GetAsync($"/api/premises/{id}/concerns")).StatusCode);
            Assert.DoesNotContain(id.ToString(), await colleagueOnSecond.GetStringAsync("/api/premises"));

            await SetReplayPausedAsync(false);
            await Eventually.UntilAsync(async () => (await colleagueOnSecond.GetAsync($"/api/premises/{id}/concerns")).StatusCode, status => status == HttpStatusCode.OK,
                Patience, "the colleague to see the premises once the replica replays (status)");
        }
        finally
        {
            await SetReplayPausedAsync(false);
        }
    }

    [Fact]
    public async Task Masking_and_row_level_security_answer_the_same_on_the_replica_as_on_the_primary()
    {
        var agencyId = await TestData.CreateAgencyAsync(_first, "REPL2");
        var otherAgencyId = await TestData.CreateAgencyAsync(_first, "REPL3");
        using var analyst = _first.CreateClient(UserRole.Analyst, agencyId, "replica-analyst");
        foreach (var category in new[] { "child_with_adults", "missing_found_location", "child_with_adults", "vehicle_pick_up" })
        {
            Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(category: category))).StatusCode);
        }

        await WaitForReplayAsync();
        var (x, y) = TileOf(TestData.CentreLongitude, TestData.CentreLatitude, 15);
        var tile = $"/tiles/reports/15/{x}/{y}.mvt";
        await SetReplayPausedAsync(true);
        try
        {
            // Written while replay is paused: on the primary only, so a reader who gets the same tile as before it read the replica.
            Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(category: "vehicle_pick_up"))).StatusCode);
            foreach (var (role, reader) in new[] { (UserRole.TaskingMember, agencyId), (UserRole.LicensingOfficer, agencyId), (UserRole.Analyst, otherAgencyId) })
            {
                using var onReplica = _second.CreateClient(role, reader, $"replica-reader-{role}-{reader}");
                using var onPrimary = _primaryOnly.CreateClient(role, reader, $"replica-reader-{role}-{reader}");
                var fromReplica = await onReplica.GetByteArrayAsync(tile);
                await SetReplayPausedAsync(false);
                await WaitForReplayAsync();
                var fromPrimaryAfterReplay = await onPrimary.GetByteArrayAsync(tile);
                var fromReplicaAfterReplay = await onReplica.GetByteArrayAsync(tile);
                Assert.Equal(fromPrimaryAfterReplay, fromReplicaAfterReplay);
                if (role == UserRole.Analyst)
                {
                    // Another agency's analyst with no sharing agreement sees none of it on either server.
                    Assert.Empty(fromReplicaAfterReplay);
                }
                else
                {
                    Assert.NotEqual(fromReplica, fromReplicaAfterReplay);
                }

                await SetReplayPausedAsync(true);
                Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync("/api/reports", TestData.Report(category: "vehicle_pick_up"))).StatusCode);
            }
        }
        finally
        {
            await SetReplayPausedAsync(false);
        }
    }

    [Fact]
    public async Task When_the_replica_stops_answering_reads_go_to_the_primary_and_return_when_it_is_back()
    {
        var agencyId = await TestData.CreateAgencyAsync(_first, "REPL4");
        using var writer = _first.CreateClient(UserRole.Analyst, agencyId, "replica-down-writer");
        using var reader = _second.CreateClient(UserRole.Analyst, agencyId, "replica-down-reader");
        var created = await writer.PostAsJsonAsync("/api/premises", EntityTestData.Premises());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        _replica.Stop();
        try
        {
            await Eventually.UntilAsync(async () => (await reader.GetAsync($"/api/premises/{id}/concerns")).StatusCode, status => status == HttpStatusCode.OK,
                Patience, "reads to fall back to the primary (status)");
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/premises/{id}/concerns")).StatusCode);
            }
        }
        finally
        {
            _replica.Start();
        }

        await Eventually.UntilAsync(async () => (await reader.GetAsync("/api/hotspots")).StatusCode, status => status == HttpStatusCode.OK,
            Patience, "reads after the replica's return (status)");
    }

    private async Task<bool> DatabaseExistsOnReplicaAsync()
    {
        await using var connection = new NpgsqlConnection(_replica.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", connection) { Parameters = { new() { Value = _database } } };
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task SetReplayPausedAsync(bool paused)
    {
        await using var connection = new NpgsqlConnection(_replica.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Until the replica has replayed everything the primary has written so far.</summary>
    private async Task WaitForReplayAsync()
    {
        await using var primary = new NpgsqlConnection(_primary.ConnectionStringFor("postgres"));
        await primary.OpenAsync();
        await using var position = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", primary);
        var written = (string)(await position.ExecuteScalarAsync())!;
        await Eventually.UntilAsync(async () =>
        {
            await using var replica = new NpgsqlConnection(_replica.ConnectionStringFor("postgres"));
            await replica.OpenAsync();
            await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", replica) { Parameters = { new() { Value = written } } };
            return (bool)(await replayed.ExecuteScalarAsync())!;
        }, replayed => replayed, Patience, $"the replica to replay the primary up to {written}");
    }
}
