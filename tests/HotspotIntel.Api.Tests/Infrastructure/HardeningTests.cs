using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Infrastructure;

public sealed class HardeningTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_user_over_the_rate_limit_gets_429_problem_details_with_retry_after_and_other_users_carry_on()
    {
        await using var limited = new HotspotIntelApplication(database.AppConnectionString,
            new Dictionary<string, string> { ["RateLimiting:PermitsPerMinute"] = "3" });
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "HARD2");
        using var busy = limited.CreateClient(UserRole.Analyst, agencyId, "busy-user");
        using var other = limited.CreateClient(UserRole.Analyst, agencyId, "other-user");

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await busy.GetAsync("/api/reports")).StatusCode);
        }

        var refused = await busy.GetAsync("/api/reports");

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await other.GetAsync("/api/reports")).StatusCode);
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_that_tells_nothing_of_the_server_and_is_logged_with_its_trace_id()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "HARD1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        await database.ExecuteAsync("""
            CREATE FUNCTION test_internal_fault() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'synthetic internal fault in SECRET_TABLE' USING ERRCODE = 'XX000'; END $$;
            CREATE TRIGGER test_internal_fault BEFORE INSERT ON vehicles FOR EACH ROW EXECUTE FUNCTION test_internal_fault();
            """);

        var response = await analyst.PostAsJsonAsync("/api/vehicles", EntityTestData.Vehicle());

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.ToJsonString();
        Assert.DoesNotContain("SECRET_TABLE", body);
        Assert.DoesNotContain("Npgsql", body);
        var traceId = problem["traceId"]!.GetValue<string>().Split('-')[1];
        Assert.Contains(File.ReadLines(ServerErrorLog.FilePath), line => line.Contains(traceId) && line.Contains("Unexpected error in POST /api/vehicles"));
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_api_answers_are_not_cached()
    {
        using var client = database.Application.CreateClient(UserRole.Analyst, await TestData.CreateAgencyAsync(database.Application, "HARD3"));

        var api = await client.GetAsync("/api/reports");
        var health = await client.GetAsync("/health");

        Assert.Equal("nosniff", Assert.Single(api.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(health.Headers.GetValues("X-Frame-Options")));
        Assert.True(api.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", Assert.Single(api.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Cross_origin_requests_get_no_cors_grant_unless_origins_are_configured()
    {
        using var client = database.Application.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/reports");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
