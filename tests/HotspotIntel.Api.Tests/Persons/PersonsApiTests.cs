using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Persons;

public sealed class PersonsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/persons";
    private readonly HttpClient _client = database.Application.CreateClient();

    [Fact]
    public async Task A_created_person_reads_back_with_a_review_date_from_the_entity_review_period()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER1");
        var request = EntityTestData.Person(agencyId);
        request["aliases"] = new JsonArray("Exy", " Alfie ");
        var id = await _client.CreateAsync(Route, request);

        var read = await (await _client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("Testperson", read["familyName"]!.GetValue<string>());
        Assert.Equal(["Exy", "Alfie"], read["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        // appsettings.json: EntityDays 2190.
        var expectedReview = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2190);
        Assert.Equal(expectedReview, DateOnly.Parse(read["restrictions"]!["reviewOn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_person_can_be_updated()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER2");
        var id = await _client.CreateAsync(Route, EntityTestData.Person(agencyId));

        var updated = await (await _client.PutAsJsonAsync($"{Route}/{id}",
            EntityTestData.Person(agencyId, role: "associate", familyName: "Otherperson"))).ReadObjectAsync();

        Assert.Equal("associate", updated["role"]!.GetValue<string>());
        Assert.Equal("Otherperson", updated["familyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_person_is_gone()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER3");
        var id = await _client.CreateAsync(Route, EntityTestData.Person(agencyId));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{Route}/{id}")).StatusCode);

        await (await _client.GetAsync($"{Route}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_person_is_a_404_to_read_update_and_delete()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER4");
        var unknown = $"{Route}/{Guid.NewGuid()}";

        await (await _client.GetAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PutAsJsonAsync(unknown, EntityTestData.Person(agencyId))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_blank_family_name_is_a_400_naming_familyName()
    {
        var request = EntityTestData.Person(await TestData.CreateAgencyAsync(_client, "PER5"), familyName: "  ");

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("familyName");
    }

    [Fact]
    public async Task Listing_filters_by_role()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER6");
        var child = await _client.CreateAsync(Route, EntityTestData.Person(agencyId, role: "child_at_risk"));
        await _client.CreateAsync(Route, EntityTestData.Person(agencyId, role: "adult_of_concern"));

        var ids = await _client.ListIdsAsync($"{Route}?agencyId={agencyId}&role=child_at_risk");

        Assert.Equal([child], ids);
    }

    [Theory]
    [InlineData("PER7A", "TESTPERSON")]
    [InlineData("PER7B", "bravo")]
    [InlineData("PER7C", "quicksilver")]
    public async Task The_name_search_matches_family_name_given_names_or_an_alias_ignoring_case(string agencyCode, string q)
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, agencyCode);
        var wanted = EntityTestData.Person(agencyId, familyName: "Testperson", givenNames: "Bravo Example");
        wanted["aliases"] = new JsonArray("QuickSilver");
        var wantedId = await _client.CreateAsync(Route, wanted);
        await _client.CreateAsync(Route, EntityTestData.Person(agencyId, familyName: "Unrelated", givenNames: "Charlie"));

        var ids = await _client.ListIdsAsync($"{Route}?agencyId={agencyId}&q={q}");

        Assert.Equal([wantedId], ids);
    }

    [Fact]
    public async Task A_wildcard_in_the_name_search_matches_only_itself()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER8");
        await _client.CreateAsync(Route, EntityTestData.Person(agencyId, familyName: "Testperson"));

        var ids = await _client.ListIdsAsync($"{Route}?agencyId={agencyId}&q=%25");

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_person_once_newest_first()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER9");
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await _client.CreateAsync(Route, EntityTestData.Person(agencyId)));
        }

        var first = await (await _client.GetAsync($"{Route}?agencyId={agencyId}&limit=2")).ReadObjectAsync();
        var second = await (await _client.GetAsync($"{Route}?agencyId={agencyId}&limit=2&cursor={first["nextCursor"]}")).ReadObjectAsync();

        var seen = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(p => p!["id"]!.GetValue<Guid>());
        Assert.Equal(Enumerable.Reverse(created), seen);
        Assert.Null(second["nextCursor"]);
    }

    [Fact]
    public async Task A_child_with_three_missing_episodes_in_90_days_is_frequently_missing()
    {
        var (agencyId, childId) = await ChildWithEpisodesAsync("PER10", daysAgo: [5, 30, 80]);

        var child = await (await _client.GetAsync($"{Route}/{childId}")).ReadObjectAsync();

        Assert.True(child["frequentlyMissing"]!.GetValue<bool>());
        Assert.Equal(3, child["missingEpisodesInWindow"]!.GetValue<int>());
        var listed = await (await _client.GetAsync($"{Route}?agencyId={agencyId}")).ReadObjectAsync();
        Assert.True(listed["items"]![0]!["frequentlyMissing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_child_with_two_missing_episodes_in_90_days_is_not_frequently_missing()
    {
        var (_, childId) = await ChildWithEpisodesAsync("PER11", daysAgo: [5, 30]);

        var child = await (await _client.GetAsync($"{Route}/{childId}")).ReadObjectAsync();

        Assert.False(child["frequentlyMissing"]!.GetValue<bool>());
        Assert.Equal(2, child["missingEpisodesInWindow"]!.GetValue<int>());
    }

    [Fact]
    public async Task Missing_episodes_older_than_90_days_do_not_count()
    {
        var (_, childId) = await ChildWithEpisodesAsync("PER12", daysAgo: [5, 30, 95]);

        var child = await (await _client.GetAsync($"{Route}/{childId}")).ReadObjectAsync();

        Assert.False(child["frequentlyMissing"]!.GetValue<bool>());
        Assert.Equal(2, child["missingEpisodesInWindow"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_child_with_missing_episodes_cannot_be_given_an_adult_role()
    {
        var (agencyId, childId) = await ChildWithEpisodesAsync("PER13", daysAgo: [5]);

        var response = await _client.PutAsJsonAsync($"{Route}/{childId}", EntityTestData.Person(agencyId, role: "associate"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_records_one_person()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "PER14");
        var body = EntityTestData.Person(agencyId);

        var (first, second) = await _client.CreateTwiceWithOneIdempotencyKeyAsync(Route, body, "person-retry-1");

        Assert.Equal(first, second);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM persons WHERE agency_id = '{agencyId}'"));
    }

    private async Task<(Guid AgencyId, Guid ChildId)> ChildWithEpisodesAsync(string agencyCode, int[] daysAgo)
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, agencyCode);
        var childId = await _client.CreateAsync(Route, EntityTestData.Person(agencyId, role: "child_at_risk"));
        foreach (var days in daysAgo)
        {
            await _client.CreateAsync("/api/missing-episodes", EntityTestData.MissingEpisode(agencyId, childId, DateTimeOffset.UtcNow.AddDays(-days)));
        }

        return (agencyId, childId);
    }
}
