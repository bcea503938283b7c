using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>Records belong to their agency: others see them only under a sharing agreement and a P handling code, in the API and in the database alike.</summary>
public sealed class AgencyIsolationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Another_agency_s_report_is_a_404_without_a_sharing_agreement()
    {
        var (reportId, _, otherAgency) = await ReportOfOneAgencySeenByAnotherAsync("ISO1", "ISO2");
        using var outsider = database.Application.CreateClient(UserRole.Analyst, otherAgency);

        await (await outsider.GetAsync($"/api/reports/{reportId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await CountVisibleToAsync(otherAgency, "analyst", reportId));
    }

    [Fact]
    public async Task A_sharing_agreement_opens_P_coded_reports_but_not_C_coded_ones()
    {
        var (sharedId, owner, partner) = await ReportOfOneAgencySeenByAnotherAsync("ISO3", "ISO4");
        using var ownerClient = database.Application.CreateClient(UserRole.Analyst, owner);
        var conditional = TestData.Report();
        conditional["handlingCode"] = "C";
        conditional["handlingConditions"] = "Police use only; not for dissemination to partners.";
        var conditionalId = (await (await ownerClient.PostAsJsonAsync("/api/reports", conditional)).ReadObjectAsync())["id"]!.GetValue<Guid>();
        await TestData.ShareAsync(database.Application, owner, partner);
        using var partnerClient = database.Application.CreateClient(UserRole.Analyst, partner);

        Assert.Equal(HttpStatusCode.OK, (await partnerClient.GetAsync($"/api/reports/{sharedId}")).StatusCode);
        await (await partnerClient.GetAsync($"/api/reports/{conditionalId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1L, await CountVisibleToAsync(partner, "analyst", sharedId));
        Assert.Equal(0L, await CountVisibleToAsync(partner, "analyst", conditionalId));
    }

    [Fact]
    public async Task Another_agency_cannot_change_or_delete_a_report_even_when_it_can_read_it()
    {
        var (reportId, owner, partner) = await ReportOfOneAgencySeenByAnotherAsync("ISO5", "ISO6");
        await TestData.ShareAsync(database.Application, owner, partner);
        using var partnerClient = database.Application.CreateClient(UserRole.Analyst, partner);

        await (await partnerClient.PutAsJsonAsync($"/api/reports/{reportId}", TestData.Report(category: "other"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await partnerClient.DeleteAsync($"/api/reports/{reportId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE id = '{reportId}' AND category = 'child_with_adults'"));
    }

    [Fact]
    public async Task In_the_database_an_unset_identity_sees_nothing_and_cannot_write()
    {
        var (reportId, owner, _) = await ReportOfOneAgencySeenByAnotherAsync("ISO7", "ISO8");
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();

        await using var read = new NpgsqlCommand($"SELECT count(*) FROM intelligence_reports WHERE id = '{reportId}'", connection);
        Assert.Equal(0L, (long)(await read.ExecuteScalarAsync())!);
        await using var write = new NpgsqlCommand($"UPDATE intelligence_reports SET narrative = 'x' WHERE agency_id = '{owner}'", connection);
        Assert.Equal(0, await write.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_application_role_cannot_bypass_row_level_security()
    {
        var bypasses = await database.ScalarAsync<bool>("SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = 'hotspotintel_app'");

        Assert.False(bypasses);
    }

    private async Task<(Guid ReportId, Guid Owner, Guid Other)> ReportOfOneAgencySeenByAnotherAsync(string ownerCode, string otherCode)
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, ownerCode);
        var other = await TestData.CreateAgencyAsync(database.Application, otherCode);
        using var ownerClient = database.Application.CreateClient(UserRole.Analyst, owner);
        var reportId = (await (await ownerClient.PostAsJsonAsync("/api/reports", TestData.Report())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        return (reportId, owner, other);
    }

    /// <summary>The same probe as the API's, run straight against PostgreSQL as the application role under RLS.</summary>
    private Task<long> CountVisibleToAsync(Guid agencyId, string role, Guid reportId) =>
        database.CountAsSessionAsync(agencyId, role, $"SELECT count(*) FROM intelligence_reports WHERE id = '{reportId}'");
}
