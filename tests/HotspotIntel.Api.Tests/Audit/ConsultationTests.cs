using System.Net;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Audit;

/// <summary>
/// Person-level data (persons, links, missing episodes) is read only by analysts and supervisors, only with a stated
/// justification, and every read is logged as a consultation with who read, how many records and why (DPA 2018 s62).
/// </summary>
public sealed class ConsultationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("CON1A", "/api/persons")]
    [InlineData("CON1B", "/api/links")]
    [InlineData("CON1C", "/api/missing-episodes")]
    public async Task A_person_level_read_without_a_justification_is_a_400_naming_Justification_and_is_not_served(string agencyCode, string route)
    {
        var (agencyId, analyst) = await database.SignInAsync(agencyCode);
        var id = await PersonLevelRecordAsync(analyst, route);
        using var unjustified = database.Application.CreateClient(UserRole.Analyst, agencyId);

        await (await unjustified.GetAsync($"{route}/{id}")).AssertFieldErrorAsync("Justification");
        await (await unjustified.GetAsync(route)).AssertFieldErrorAsync("Justification");
        Assert.Equal(0L, await ConsultationsByAsync(agencyId));
    }

    [Fact]
    public async Task A_justification_of_fewer_than_10_characters_is_a_400()
    {
        var (agencyId, analyst) = await database.SignInAsync("CON2");
        var personId = await analyst.CreateAsync("/api/persons", EntityTestData.Person());
        using var terse = database.Application.CreateClient(UserRole.Analyst, agencyId);
        terse.DefaultRequestHeaders.Add("Justification", "checking");

        await (await terse.GetAsync($"/api/persons/{personId}")).AssertFieldErrorAsync("Justification");
    }

    [Fact]
    public async Task Each_read_of_a_person_writes_a_consultation_entry_naming_the_person_the_reader_and_the_justification()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "CON3");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-con3").Justified();
        var personId = await analyst.CreateAsync("/api/persons", EntityTestData.Person());

        (await analyst.GetAsync($"/api/persons/{personId}")).EnsureSuccessStatusCode();
        (await analyst.GetAsync($"/api/persons/{personId}")).EnsureSuccessStatusCode();

        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM audit_log
            WHERE action = 'consultation' AND entity_kind = 'persons' AND entity_id = '{personId}' AND row_count = 1
              AND user_id = 'analyst-con3' AND agency_id = '{agencyId}' AND role = 'analyst'
              AND justification = '{SignedInClients.Justification}'
            """));
    }

    [Fact]
    public async Task Listing_persons_writes_one_consultation_entry_counting_the_persons_read()
    {
        var (agencyId, analyst) = await database.SignInAsync("CON4");
        for (var i = 0; i < 3; i++)
        {
            await analyst.CreateAsync("/api/persons", EntityTestData.Person());
        }

        (await analyst.GetAsync("/api/persons?limit=2")).EnsureSuccessStatusCode();

        Assert.Equal(1L, await ConsultationsByAsync(agencyId));
        Assert.Equal(2, await database.ScalarAsync<int>(
            $"SELECT row_count FROM audit_log WHERE action = 'consultation' AND agency_id = '{agencyId}' AND entity_kind = 'persons' AND entity_id IS NULL"));
    }

    [Theory]
    [InlineData("CON5A", "/api/links", "links")]
    [InlineData("CON5B", "/api/missing-episodes", "missing_episodes")]
    public async Task Reading_a_link_or_a_missing_episode_writes_a_consultation_entry_under_its_table_name(string agencyCode, string route,
        string entityKind)
    {
        var (agencyId, analyst) = await database.SignInAsync(agencyCode);
        var id = await PersonLevelRecordAsync(analyst, route);

        (await analyst.GetAsync($"{route}/{id}")).EnsureSuccessStatusCode();

        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'consultation' AND entity_kind = '{entityKind}' AND entity_id = '{id}' AND agency_id = '{agencyId}'"));
    }

    [Theory]
    [InlineData("CON7A", "/api/persons")]
    [InlineData("CON7B", "/api/links")]
    [InlineData("CON7C", "/api/missing-episodes")]
    public async Task A_list_read_is_found_by_the_audit_search_under_each_record_it_returned_and_each_person_they_concern(string agencyCode,
        string route)
    {
        var (agencyId, analyst) = await database.SignInAsync(agencyCode);
        var id = await PersonLevelRecordAsync(analyst, route);
        await PersonLevelRecordAsync(analyst, route);
        var listed = await (await analyst.GetAsync($"{route}?agencyId={agencyId}")).ReadObjectAsync();
        var items = listed["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var read = items.Single(item => item!["id"]!.GetValue<Guid>() == id)!;
        var concerned = route switch
        {
            "/api/persons" => id,
            "/api/links" => read["to"]!["id"]!.GetValue<Guid>(),
            _ => read["personId"]!.GetValue<Guid>(),
        };
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);

        foreach (var searched in new[] { id, concerned })
        {
            var entries = (await (await supervisor.GetAsync($"/api/audit-log?entityId={searched}&action=consultation")).ReadObjectAsync())["items"]!.AsArray();
            var entry = Assert.Single(entries);
            Assert.Equal(2, entry!["rowCount"]!.GetValue<int>());
            Assert.Contains(searched, entry["entityIds"]!.AsArray().Select(named => named!.GetValue<Guid>()));
        }
    }

    [Theory]
    [InlineData(UserRole.TaskingMember)]
    [InlineData(UserRole.LicensingOfficer)]
    public async Task A_tasking_member_or_licensing_officer_cannot_read_persons_even_with_a_justification(UserRole role)
    {
        var (agencyId, analyst) = await database.SignInAsync($"CON6-{(int)role}");
        // An adult of concern: row-level security would show tasking members this row, so the refusal is the API's own.
        var personId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "adult_of_concern"));
        using var reader = database.Application.CreateClient(role, agencyId).Justified();

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/persons/{personId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/persons")).StatusCode);
        Assert.Equal(0L, await ConsultationsByAsync(agencyId));
    }

    /// <summary>A record behind <paramref name="route"/>: a child at risk, a link between two persons, or a missing episode.</summary>
    private static async Task<Guid> PersonLevelRecordAsync(HttpClient analyst, string route)
    {
        var childId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        JsonObject? body = route switch
        {
            "/api/persons" => null,
            "/api/links" => EntityTestData.Link("person", childId, "person", await analyst.CreateAsync("/api/persons", EntityTestData.Person())),
            "/api/missing-episodes" => EntityTestData.MissingEpisode(childId, DateTimeOffset.UtcNow.AddDays(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Not a person-level route."),
        };
        return body is null ? childId : await analyst.CreateAsync(route, body);
    }

    private Task<long> ConsultationsByAsync(Guid agencyId) =>
        database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'consultation' AND agency_id = '{agencyId}'");
}
