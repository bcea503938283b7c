using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.MissingEpisodes;

public sealed class MissingEpisodesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/missing-episodes";
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_recorded_episode_reads_back_with_where_the_child_was_found()
    {
        var (client, childId) = await ChildAsync("MIS1");
        var request = EntityTestData.MissingEpisode(childId, _now.AddDays(-3));
        request["returnedAt"] = _now.AddDays(-2).ToString("O");
        request["foundLocation"] = EntityTestData.Point(-1.9000, 52.4800);
        request["fromCare"] = true;
        var id = await client.CreateAsync(Route, request);

        var read = await (await client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal(childId, read["personId"]!.GetValue<Guid>());
        Assert.Equal("Point", read["foundLocation"]!["type"]!.GetValue<string>());
        Assert.Equal(-1.9000, read["foundLocation"]!["coordinates"]![0]!.GetValue<double>(), 6);
        Assert.True(read["fromCare"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_episode_for_an_adult_is_a_400_naming_personId()
    {
        var (_, client) = await database.SignInAsync("MIS2");
        var adultId = await client.CreateAsync("/api/persons", EntityTestData.Person(role: "adult_of_concern"));

        var message = await (await client.PostAsJsonAsync(Route, EntityTestData.MissingEpisode(adultId, _now.AddDays(-1))))
            .AssertFieldErrorAsync("personId");

        Assert.Contains("child at risk", message);
    }

    [Fact]
    public async Task An_episode_for_an_unknown_person_is_a_400_naming_personId()
    {
        var (_, client) = await database.SignInAsync("MIS3");

        await (await client.PostAsJsonAsync(Route, EntityTestData.MissingEpisode(Guid.NewGuid(), _now.AddDays(-1))))
            .AssertFieldErrorAsync("personId");
    }

    [Fact]
    public async Task A_return_before_going_missing_is_a_400_naming_returnedAt()
    {
        var (client, childId) = await ChildAsync("MIS4");
        var request = EntityTestData.MissingEpisode(childId, _now.AddDays(-2));
        request["returnedAt"] = _now.AddDays(-3).ToString("O");

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("returnedAt");
    }

    [Fact]
    public async Task A_found_location_outside_the_region_is_a_400_naming_foundLocation()
    {
        var (client, childId) = await ChildAsync("MIS5");
        var request = EntityTestData.MissingEpisode(childId, _now.AddDays(-2));
        request["foundLocation"] = EntityTestData.Point(TestData.CentreLatitude, TestData.CentreLongitude);

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("foundLocation");
    }

    [Fact]
    public async Task Listing_filters_by_child()
    {
        var (client, childId) = await ChildAsync("MIS6");
        var otherChild = await client.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var wanted = await client.CreateAsync(Route, EntityTestData.MissingEpisode(childId, _now.AddDays(-1)));
        await client.CreateAsync(Route, EntityTestData.MissingEpisode(otherChild, _now.AddDays(-1)));

        var ids = await client.ListIdsAsync($"{Route}?personId={childId}");

        Assert.Equal([wanted], ids);
    }

    [Fact]
    public async Task Listing_by_time_window_returns_episodes_that_started_in_it()
    {
        var (client, childId) = await ChildAsync("MIS7");
        await client.CreateAsync(Route, EntityTestData.MissingEpisode(childId, _now.AddDays(-40)));
        var inside = await client.CreateAsync(Route, EntityTestData.MissingEpisode(childId, _now.AddDays(-20)));
        await client.CreateAsync(Route, EntityTestData.MissingEpisode(childId, _now.AddDays(-5)));

        var (from, to) = (Uri.EscapeDataString(_now.AddDays(-30).ToString("O")), Uri.EscapeDataString(_now.AddDays(-10).ToString("O")));
        var ids = await client.ListIdsAsync($"{Route}?personId={childId}&from={from}&to={to}");

        Assert.Equal([inside], ids);
    }

    [Fact]
    public async Task An_episode_can_be_updated_to_record_the_return()
    {
        var (client, childId) = await ChildAsync("MIS8");
        var request = EntityTestData.MissingEpisode(childId, _now.AddDays(-2));
        var id = await client.CreateAsync(Route, request);
        request["returnedAt"] = _now.AddDays(-1).ToString("O");

        var updated = await (await client.PutAsJsonAsync($"{Route}/{id}", request)).ReadObjectAsync();

        Assert.Equal(_now.AddDays(-1), updated["returnedAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_return_home_interview_offered_and_done_reads_back_and_one_declined_too()
    {
        var (client, childId) = await ChildAsync("MIS9");
        var done = EntityTestData.MissingEpisode(childId, _now.AddDays(-5));
        done["returnedAt"] = _now.AddDays(-4).ToString("O");
        done["returnInterviewOfferedAt"] = _now.AddDays(-3).ToString("O");
        done["returnInterviewDoneAt"] = _now.AddDays(-2).ToString("O");
        var declined = EntityTestData.MissingEpisode(childId, _now.AddDays(-5));
        declined["returnedAt"] = _now.AddDays(-4).ToString("O");
        declined["returnInterviewOfferedAt"] = _now.AddDays(-3).ToString("O");
        declined["returnInterviewDeclined"] = true;

        var readDone = await (await client.GetAsync($"{Route}/{await client.CreateAsync(Route, done)}")).ReadObjectAsync();
        var readDeclined = await (await client.GetAsync($"{Route}/{await client.CreateAsync(Route, declined)}")).ReadObjectAsync();

        Assert.Equal(_now.AddDays(-2), readDone["returnInterviewDoneAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(_now.AddDays(-3), readDone["returnInterviewOfferedAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        Assert.False(readDone["returnInterviewDeclined"]!.GetValue<bool>());
        Assert.True(readDeclined["returnInterviewDeclined"]!.GetValue<bool>());
        Assert.Null(readDeclined["returnInterviewDoneAt"]);
    }

    [Theory]
    [InlineData(-4, null, -5, false, "returnInterviewDoneAt")]
    [InlineData(-4, -3, 1, false, "returnInterviewDoneAt")]
    [InlineData(-4, 1, null, false, "returnInterviewOfferedAt")]
    [InlineData(null, -3, null, false, "returnInterviewOfferedAt")]
    [InlineData(-4, null, null, true, "returnInterviewDeclined")]
    [InlineData(-4, -3, -2, true, "returnInterviewDeclined")]
    public async Task A_return_home_interview_before_the_return_in_the_future_or_both_done_and_declined_is_a_400_naming_the_field(
        int? returnedDays, int? offeredDays, int? doneDays, bool declined, string field)
    {
        var (client, childId) = await ChildAsync($"MIS-RHI-{Guid.NewGuid():N}"[..14].ToUpperInvariant());
        var request = EntityTestData.MissingEpisode(childId, _now.AddDays(-6));
        request["returnedAt"] = returnedDays is { } r ? _now.AddDays(r).ToString("O") : null;
        request["returnInterviewOfferedAt"] = offeredDays is { } o ? _now.AddDays(o).ToString("O") : null;
        request["returnInterviewDoneAt"] = doneDays is { } d ? _now.AddDays(d).ToString("O") : null;
        request["returnInterviewDeclined"] = declined;

        await (await client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync(field);
    }

    /// <summary>An analyst of a new agency, and a child at risk they recorded.</summary>
    private async Task<(HttpClient Client, Guid ChildId)> ChildAsync(string agencyCode)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        return (client, await client.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk")));
    }
}
