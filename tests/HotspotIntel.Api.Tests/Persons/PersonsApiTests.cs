using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Persons;

public sealed class PersonsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/persons";

    [Fact]
    public async Task A_created_person_reads_back_owned_by_the_recording_user_s_agency_with_a_review_date_from_the_entity_review_period()
    {
        var (agencyId, client) = await database.SignInAsync("PER1");
        var request = EntityTestData.Person();
        request["aliases"] = new JsonArray("Exy", " Alfie ");
        var id = await client.CreateAsync(Route, request);

        var read = await (await client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal("Testperson", read["familyName"]!.GetValue<string>());
        Assert.Equal(agencyId, read["restrictions"]!["agencyId"]!.GetValue<Guid>());
        Assert.Equal(["Exy", "Alfie"], read["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        // appsettings.json: EntityDays 2190.
        var expectedReview = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2190);
        Assert.Equal(expectedReview, DateOnly.Parse(read["restrictions"]!["reviewOn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_person_can_be_updated()
    {
        var (_, client) = await database.SignInAsync("PER2");
        var id = await client.CreateAsync(Route, EntityTestData.Person());

        var updated = await (await client.PutAsJsonAsync($"{Route}/{id}",
            EntityTestData.Person(role: "associate", familyName: "Otherperson"))).ReadObjectAsync();

        Assert.Equal("associate", updated["role"]!.GetValue<string>());
        Assert.Equal("Otherperson", updated["familyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_blank_family_name_is_a_400_naming_familyName()
    {
        var (_, client) = await database.SignInAsync("PER5");
        var request = EntityTestData.Person(familyName: "  ");

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("familyName");
    }

    [Fact]
    public async Task Listing_filters_by_role()
    {
        var (agencyId, client) = await database.SignInAsync("PER6");
        var child = await client.CreateAsync(Route, EntityTestData.Person(role: "child_at_risk"));
        await client.CreateAsync(Route, EntityTestData.Person(role: "adult_of_concern"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&role=child_at_risk");

        Assert.Equal([child], ids);
    }

    [Theory]
    [InlineData("PER7A", "TESTPERSON")]
    [InlineData("PER7B", "bravo")]
    [InlineData("PER7C", "quicksilver")]
    public async Task The_name_search_matches_family_name_given_names_or_an_alias_ignoring_case(string agencyCode, string q)
    {
        var (agencyId, client) = await database.SignInAsync(agencyCode);
        var wanted = EntityTestData.Person(familyName: "Testperson", givenNames: "Bravo Example");
        wanted["aliases"] = new JsonArray("QuickSilver");
        var wantedId = await client.CreateAsync(Route, wanted);
        await client.CreateAsync(Route, EntityTestData.Person(familyName: "Unrelated", givenNames: "Charlie"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&q={q}");

        Assert.Equal([wantedId], ids);
    }

    [Fact]
    public async Task A_wildcard_in_the_name_search_matches_only_itself()
    {
        var (agencyId, client) = await database.SignInAsync("PER8");
        await client.CreateAsync(Route, EntityTestData.Person(familyName: "Testperson"));

        var ids = await client.ListIdsAsync($"{Route}?agencyId={agencyId}&q=%25");

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_person_once_newest_first()
    {
        var (agencyId, client) = await database.SignInAsync("PER9");
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await client.CreateAsync(Route, EntityTestData.Person()));
        }

        var first = await (await client.GetAsync($"{Route}?agencyId={agencyId}&limit=2")).ReadObjectAsync();
        var second = await (await client.GetAsync($"{Route}?agencyId={agencyId}&limit=2&cursor={first["nextCursor"]}")).ReadObjectAsync();

        var seen = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(p => p!["id"]!.GetValue<Guid>());
        Assert.Equal(Enumerable.Reverse(created), seen);
        Assert.Null(second["nextCursor"]);
    }

    [Fact]
    public async Task A_child_with_three_missing_episodes_in_90_days_is_frequently_missing()
    {
        var (client, childId) = await ChildWithEpisodesAsync("PER10", daysAgo: [5, 30, 80]);

        var child = await (await client.GetAsync($"{Route}/{childId}")).ReadObjectAsync();

        Assert.True(child["frequentlyMissing"]!.GetValue<bool>());
        Assert.Equal(3, child["missingEpisodesInWindow"]!.GetValue<int>());
        var listed = await (await client.GetAsync(Route)).ReadObjectAsync();
        Assert.True(listed["items"]![0]!["frequentlyMissing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_child_with_two_missing_episodes_in_90_days_is_not_frequently_missing()
    {
        var (client, childId) = await ChildWithEpisodesAsync("PER11", daysAgo: [5, 30]);

        var child = await (await client.GetAsync($"{Route}/{childId}")).ReadObjectAsync();

        Assert.False(child["frequentlyMissing"]!.GetValue<bool>());
        Assert.Equal(2, child["missingEpisodesInWindow"]!.GetValue<int>());
    }

    [Fact]
    public async Task Missing_episodes_older_than_90_days_do_not_count()
    {
        var (client, childId) = await ChildWithEpisodesAsync("PER12", daysAgo: [5, 30, 95]);

        var child = await (await client.GetAsync($"{Route}/{childId}")).ReadObjectAsync();

        Assert.False(child["frequentlyMissing"]!.GetValue<bool>());
        Assert.Equal(2, child["missingEpisodesInWindow"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_child_with_missing_episodes_cannot_be_given_an_adult_role()
    {
        var (client, childId) = await ChildWithEpisodesAsync("PER13", daysAgo: [5]);

        var response = await client.PutAsJsonAsync($"{Route}/{childId}", EntityTestData.Person(role: "associate"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>An analyst of a new agency, and a child at risk they recorded with missing episodes that started <paramref name="daysAgo"/>.</summary>
    private async Task<(HttpClient Client, Guid ChildId)> ChildWithEpisodesAsync(string agencyCode, int[] daysAgo)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var childId = await client.CreateAsync(Route, EntityTestData.Person(role: "child_at_risk"));
        foreach (var days in daysAgo)
        {
            await client.CreateAsync("/api/missing-episodes", EntityTestData.MissingEpisode(childId, DateTimeOffset.UtcNow.AddDays(-days)));
        }

        return (client, childId);
    }
}
