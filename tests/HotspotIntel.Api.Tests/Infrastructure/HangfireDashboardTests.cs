using System.Net;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>The Hangfire dashboard at /hangfire shows this host's own job storage, and only to administrators.</summary>
public sealed class HangfireDashboardTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Administrators_see_the_dashboard_and_every_other_role_is_refused()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "HANG1");
        using var anonymous = database.Application.CreateClient();
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);

        var refused = new List<string>();
        foreach (var role in new[] { UserRole.TaskingMember, UserRole.Analyst, UserRole.LicensingOfficer, UserRole.Supervisor })
        {
            using var client = database.Application.CreateClient(role, agencyId);
            var status = (await client.GetAsync("/hangfire")).StatusCode;
            if (status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                refused.Add($"{role}: {(int)status}");
            }
        }

        var page = await administrator.GetAsync("/hangfire");
        var body = await page.Content.ReadAsStringAsync();

        Assert.Empty(refused);
        Assert.True((await anonymous.GetAsync("/hangfire")).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hangfire Dashboard", body);
    }
}
