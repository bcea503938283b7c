using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// A worker killed in the middle of a run: the API as a process of its own carries out an analyst's run, is killed
/// (SIGKILL) while the run waits on a lock the test holds, and another server (with short intervals) carries the run
/// out again, instead of it showing running for ever.
/// </summary>
public sealed class HotspotRunRecoveryTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly Dictionary<string, string> ShortIntervals = new()
    {
        ["Hangfire:ServerEnabled"] = "true",
        ["Hangfire:InvisibilityTimeoutSeconds"] = "15",
        ["Hotspots:FullRunWhenNoneSucceeded"] = "false",
    };

    [Fact]
    public async Task A_run_whose_worker_was_killed_is_carried_out_by_another_server_within_minutes()
    {
        var scenario = new HotspotScenario(database);
        var agencyId = await scenario.StartAsync("HSK1");
        await scenario.AddUniformAsync(agencyId, 400, 0.91);
        await scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.92);
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await ExecuteAsync(blocker, "LOCK TABLE hotspot_history IN ACCESS EXCLUSIVE MODE", holding);

        Guid runId;
        await using (var worker = await ApiProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "HotspotIntel.Api.dll"), FreePort(),
            database.AppConnectionString, HotspotIntelApplication.Auth.SigningKey!, CancellationToken.None,
            ShortIntervals.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value)))
        {
            using var analyst = new HttpClient { BaseAddress = worker.BaseAddress };
            analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HotspotIntelApplication.Token(UserRole.Analyst, agencyId));
            var started = await analyst.PostAsJsonAsync("/api/hotspot-runs", new { method = "gistar" });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            runId = (await started.ReadObjectAsync())["id"]!.GetValue<Guid>();
            await Eventually.UntilAsync(async () => (Status: await StatusAsync(runId), WaitingOnLock: await database.ScalarAsync<long>(JobSessionsWaitingOnALock)),
                run => run is { Status: "running", WaitingOnLock: > 0 }, TimeSpan.FromMinutes(1), "the run to wait on the held lock", TimeSpan.FromMilliseconds(250));
        }

        // The killed worker's session ends although it is still waiting on the held lock: PostgreSQL checks that its
        // server is there while it waits (SystemDatabase.ClientCheckMilliseconds), and lets go of its run's lock with it.
        await Eventually.UntilAsync(() => database.ScalarAsync<long>(JobSessionsWaitingOnALock),
            waiting => waiting == 0, TimeSpan.FromSeconds(60), "the killed worker's sessions to end while the lock is held");
        await holding.RollbackAsync();
        await using var survivor = new HotspotIntelApplication(database.AppConnectionString, ShortIntervals);
        using var client = survivor.CreateClient(UserRole.TaskingMember, agencyId);

        // Within the invisibility timeout the survivor fetches the job again; if the sweep marked the run failed first,
        // the job carries the failed run out all the same.
        // Should it not, what the workers were doing and which of Hangfire's locks were held say why.
        await Eventually.UntilAsync(() => database.ScalarAsync<string>($"""
                SELECT status || ': ' || coalesce(error, '')
                    || E'\njobs: ' || coalesce((SELECT string_agg(statename || ' ' || left(invocationdata::text, 120), E'\n' ORDER BY id)
                                              FROM hangfire.job WHERE statename IN ('Processing', 'Enqueued', 'Scheduled')), 'none')
                    || E'\nlocks: ' || coalesce((SELECT string_agg(resource, ', ') FROM hangfire.lock), 'none')
                    || E'\nrun jobs: ' || coalesce((SELECT string_agg(s.name || ' ' || coalesce(s.reason, ''), ' > ' ORDER BY s.id)
                                                  FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
                                                  WHERE j.invocationdata::text LIKE '%RunHotspotAnalysisJob%'), 'none')
                    || E'\nadvisory locks: ' || coalesce((SELECT string_agg(a.usename || ' ' || coalesce(a.state, '') || ' '
                                                  || coalesce(a.wait_event_type || ':' || a.wait_event, '') || ' ' || left(coalesce(a.query, ''), 80), E'\n')
                                                  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                                  WHERE l.locktype = 'advisory' AND a.datname = current_database()), 'none')
                FROM hotspot_runs WHERE id = '{runId}'
                """),
            state => state?.StartsWith("succeeded: ", StringComparison.Ordinal) == true, TimeSpan.FromMinutes(3),
            "the survivor to carry the run out (status: error, the jobs in progress, Hangfire's locks, the run's jobs, advisory locks)", TimeSpan.FromMilliseconds(250));

        Assert.Single(await scenario.HotspotIdsOfRunAsync(runId));
    }

    private const string JobSessionsWaitingOnALock =
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'hotspotintel_jobs' AND wait_event_type = 'Lock'";

    private Task<string?> StatusAsync(Guid runId) => database.ScalarAsync<string>($"SELECT status FROM hotspot_runs WHERE id = '{runId}'");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
