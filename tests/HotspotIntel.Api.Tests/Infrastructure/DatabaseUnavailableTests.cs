using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>
/// While PostgreSQL is down, requests answer 503 Problem Details with Retry-After (never 500), readiness fails and
/// liveness holds; when it is back, both recover without a restart of the API. On a cluster of the class's own, which
/// it stops: other test classes use the shared one.
/// </summary>
public sealed class DatabaseUnavailableTests : IAsyncLifetime
{
    private PostgisCluster _cluster = null!;
    private HotspotIntelApplication _application = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgisCluster.StartDedicatedAsync();
        var connectionString = await _cluster.CreateDatabaseAsync();
        _application = new HotspotIntelApplication(new NpgsqlConnectionStringBuilder(connectionString) { Username = "hotspotintel_app" }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _application.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task While_the_database_is_down_requests_get_503_with_Retry_After_and_readiness_fails_and_both_recover_when_it_is_back()
    {
        var agencyId = await TestData.CreateAgencyAsync(_application, "DOWN1");
        using var analyst = _application.CreateClient(UserRole.Analyst, agencyId).Justified();
        using var anonymous = _application.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/persons")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        _cluster.Stop();
        try
        {
            foreach (var request in Requests())
            {
                var response = await analyst.SendAsync(request);
                var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{request.Method} {request.RequestUri} gave no Retry-After");
                Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            }

            var readiness = await anonymous.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            var checks = JsonNode.Parse(await readiness.Content.ReadAsStringAsync())!["checks"]!;
            Assert.Equal("Unhealthy", checks["database"]!.GetValue<string>());
            Assert.Equal("Unhealthy", checks["jobStorage"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        }
        finally
        {
            _cluster.Start();
        }

        // Connections the pool held died with the server; each is found broken once and replaced.
        await Eventually.UntilAsync(async () => (await analyst.GetAsync("/api/persons")).StatusCode, status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API to answer /api/persons again after the database's return (status)");
        await Eventually.UntilAsync(async () => (await anonymous.GetAsync("/health/ready")).StatusCode, status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API to be ready again after the database's return (status)");
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync("/api/persons", EntityTestData.Person())).StatusCode);
    }

    /// <summary>Reads and writes of several kinds, and starting a hotspot run, which also reaches Hangfire's storage.</summary>
    private static IEnumerable<HttpRequestMessage> Requests()
    {
        yield return new HttpRequestMessage(HttpMethod.Get, "/api/persons");
        yield return new HttpRequestMessage(HttpMethod.Get, "/api/reports");
        yield return new HttpRequestMessage(HttpMethod.Post, "/api/persons") { Content = JsonContent.Create(EntityTestData.Person()) };
        yield return new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(TestData.Report()) };
        yield return new HttpRequestMessage(HttpMethod.Post, "/api/hotspot-runs") { Content = JsonContent.Create(new { method = "gistar" }) };
    }
}
