using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Bench.Benchmarks;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Scaling;

/// <summary>
/// The API and the background jobs as separate processes of the same binary: two API processes that run no jobs
/// (Hangfire:ServerEnabled=false) and one worker (Hosting:ServeApi=false) that runs nothing but jobs and health. A run
/// an analyst starts on one API process is carried out by the worker and read on the other API process.
/// </summary>
public sealed class WorkerProcessTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_worker_process_carries_out_the_runs_that_API_processes_without_a_job_server_start()
    {
        var scenario = new HotspotScenario(database);
        var agencyId = await scenario.StartAsync("WRK1");
        await scenario.AddUniformAsync(agencyId, 300, 0.31);
        await scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.32);
        var apiDll = Path.Combine(AppContext.BaseDirectory, "HotspotIntel.Api.dll");
        var shared = new Dictionary<string, string>
        {
            ["Audit__SealingKey"] = HotspotIntelApplication.AuditSealingKey,
            ["Hotspots__FullRunWhenNoneSucceeded"] = "false",
        };
        await using var first = await StartAsync(apiDll, shared);
        await using var second = await StartAsync(apiDll, shared);
        await using var worker = await StartAsync(apiDll, new Dictionary<string, string>(shared)
        {
            ["Hangfire__ServerEnabled"] = "true",
            ["Hosting__ServeApi"] = "false",
        });

        using var analystOnFirst = Client(first, UserRole.Analyst, agencyId);
        using var taskingOnSecond = Client(second, UserRole.TaskingMember, agencyId);
        using var analystOnWorker = Client(worker, UserRole.Analyst, agencyId);
        Assert.Equal(HttpStatusCode.NotFound, (await analystOnWorker.GetAsync("/api/hotspots")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analystOnWorker.GetAsync("/health/ready")).StatusCode);

        var started = await analystOnFirst.PostAsJsonAsync("/api/hotspot-runs", new { method = "gistar" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await Eventually.UntilAsync(async () => (Status: await scenario.StatusAsync(runId), WorkerOutput: worker.LastOutput),
            run => run.Status == Core.Hotspots.HotspotRunStatus.Succeeded, TimeSpan.FromMinutes(2), "the worker to carry the run out", TimeSpan.FromMilliseconds(250));

        // An analyst's run is a trial until published; published through one API process, the other reads it.
        Assert.Equal(HttpStatusCode.OK, (await analystOnFirst.PostAsync($"/api/hotspot-runs/{runId}/publication", null)).StatusCode);
        var hotspots = await taskingOnSecond.GetFromJsonAsync<JsonObject>("/api/hotspots");
        Assert.NotEmpty(hotspots!["features"]!.AsArray());
    }

    private Task<ApiProcess> StartAsync(string apiDll, IReadOnlyDictionary<string, string> settings) =>
        ApiProcess.StartAsync(apiDll, FreePort(), database.AppConnectionString, HotspotIntelApplication.Auth.SigningKey!, CancellationToken.None, settings);

    private static HttpClient Client(ApiProcess process, UserRole role, Guid agencyId)
    {
        var client = new HttpClient { BaseAddress = process.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HotspotIntelApplication.Token(role, agencyId));
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
