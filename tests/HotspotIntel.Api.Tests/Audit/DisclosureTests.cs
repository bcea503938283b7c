using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Audit;

/// <summary>
/// A record given to someone outside the system is disclosed by its own agency only, with a named recipient and a
/// reason, and each disclosure is logged with both (DPA 2018 s62(4)): the response carries the marking and conditions.
/// </summary>
public sealed class DisclosureTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Recipient = "Synthetic Borough licensing sub-committee";

    [Fact]
    public async Task Disclosing_a_report_returns_it_with_its_marking_and_conditions_and_logs_the_recipient_the_discloser_and_the_reason()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "DIS1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-dis1");
        var report = TestData.Report();
        report["handlingCode"] = "C";
        report["handlingConditions"] = "Not to be shown to the premises licence holder.";
        var reportId = await analyst.CreateAsync("/api/reports", report);

        var response = await analyst.PostAsJsonAsync($"/api/reports/{reportId}/disclosures", Disclosure());

        var disclosed = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Recipient, disclosed["recipient"]!.GetValue<string>());
        Assert.Equal(reportId, disclosed["record"]!["id"]!.GetValue<Guid>());
        var restrictions = disclosed["record"]!["properties"]!["restrictions"]!;
        Assert.Equal("C", restrictions["handlingCode"]!.GetValue<string>());
        Assert.Equal("Not to be shown to the premises licence holder.", restrictions["handlingConditions"]!.GetValue<string>());
        Assert.Equal("OFFICIAL-SENSITIVE", restrictions["securityMarking"]!.GetValue<string>());
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM audit_log
            WHERE action = 'disclosure' AND entity_kind = 'intelligence_reports' AND entity_id = '{reportId}' AND row_count = 1
              AND recipient = '{Recipient}' AND user_id = 'analyst-dis1' AND agency_id = '{agencyId}'
              AND justification = '{SignedInClients.Justification}'
            """));
    }

    [Fact]
    public async Task Disclosing_a_person_logs_a_disclosure_of_that_person_to_the_recipient()
    {
        var (agencyId, analyst) = await database.SignInAsync("DIS2");
        var personId = await analyst.CreateAsync("/api/persons", EntityTestData.Person());

        var response = await analyst.PostAsJsonAsync($"/api/persons/{personId}/disclosures", Disclosure());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(personId, (await response.ReadObjectAsync())["record"]!["id"]!.GetValue<Guid>());
        Assert.Equal(1L, await DisclosuresAsync(agencyId, $"entity_kind = 'persons' AND entity_id = '{personId}' AND recipient = '{Recipient}'"));
    }

    [Theory]
    [InlineData(null, SignedInClients.Justification, "recipient")]
    [InlineData("   ", SignedInClients.Justification, "recipient")]
    [InlineData(Recipient, null, "justification")]
    [InlineData(Recipient, "because", "justification")]
    public async Task A_disclosure_without_a_recipient_or_a_reason_is_a_400_naming_the_field_and_logs_nothing(string? recipient, string? justification, string field)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, $"DIS3{field[0]}{recipient?.Length}{justification?.Length}");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var reportId = await analyst.CreateAsync("/api/reports", TestData.Report());

        var response = await analyst.PostAsJsonAsync($"/api/reports/{reportId}/disclosures", new { recipient, justification });

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0L, await DisclosuresAsync(agencyId, "true"));
    }

    [Fact]
    public async Task Only_the_recording_agency_discloses_a_shared_record_is_a_403_and_an_unshared_one_a_404()
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, "DIS4");
        var partner = await TestData.CreateAgencyAsync(database.Application, "DIS5");
        var outsider = await TestData.CreateAgencyAsync(database.Application, "DIS6");
        using var ownerAnalyst = database.Application.CreateClient(UserRole.Analyst, owner);
        var reportId = await ownerAnalyst.CreateAsync("/api/reports", TestData.Report());
        await TestData.ShareAsync(database.Application, owner, partner);
        using var partnerAnalyst = database.Application.CreateClient(UserRole.Analyst, partner);
        using var outsiderAnalyst = database.Application.CreateClient(UserRole.Analyst, outsider);

        await (await partnerAnalyst.PostAsJsonAsync($"/api/reports/{reportId}/disclosures", Disclosure())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsiderAnalyst.PostAsJsonAsync($"/api/reports/{reportId}/disclosures", Disclosure())).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND entity_id = '{reportId}'"));
    }

    private static object Disclosure() => new { recipient = Recipient, justification = SignedInClients.Justification };

    private Task<long> DisclosuresAsync(Guid agencyId, string condition) => database.ScalarAsync<long>(
        $"SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND agency_id = '{agencyId}' AND {condition}");
}
