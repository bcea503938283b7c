using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.MissingEpisodes;

public sealed class MissingEpisodesApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/missing-episodes";
    private readonly HttpClient _client = database.Application.CreateClient();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_recorded_episode_reads_back_with_where_the_child_was_found()
    {
        var (agencyId, childId) = await ChildAsync("MIS1");
        var request = EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-3));
        request["returnedAt"] = _now.AddDays(-2).ToString("O");
        request["foundLocation"] = EntityTestData.Point(-1.9000, 52.4800);
        request["fromCare"] = true;
        var id = await _client.CreateAsync(Route, request);

        var read = await (await _client.GetAsync($"{Route}/{id}")).ReadObjectAsync();

        Assert.Equal(childId, read["personId"]!.GetValue<Guid>());
        Assert.Equal("Point", read["foundLocation"]!["type"]!.GetValue<string>());
        Assert.Equal(-1.9000, read["foundLocation"]!["coordinates"]![0]!.GetValue<double>(), 6);
        Assert.True(read["fromCare"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_episode_for_an_adult_is_a_400_naming_personId()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "MIS2");
        var adultId = await _client.CreateAsync("/api/persons", EntityTestData.Person(agencyId, role: "adult_of_concern"));

        var message = await (await _client.PostAsJsonAsync(Route, EntityTestData.MissingEpisode(agencyId, adultId, _now.AddDays(-1))))
            .AssertFieldErrorAsync("personId");

        Assert.Contains("child at risk", message);
    }

    [Fact]
    public async Task An_episode_for_an_unknown_person_is_a_400_naming_personId()
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, "MIS3");

        await (await _client.PostAsJsonAsync(Route, EntityTestData.MissingEpisode(agencyId, Guid.NewGuid(), _now.AddDays(-1))))
            .AssertFieldErrorAsync("personId");
    }

    [Fact]
    public async Task A_return_before_going_missing_is_a_400_naming_returnedAt()
    {
        var (agencyId, childId) = await ChildAsync("MIS4");
        var request = EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-2));
        request["returnedAt"] = _now.AddDays(-3).ToString("O");

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("returnedAt");
    }

    [Fact]
    public async Task A_found_location_outside_the_region_is_a_400_naming_foundLocation()
    {
        var (agencyId, childId) = await ChildAsync("MIS5");
        var request = EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-2));
        request["foundLocation"] = EntityTestData.Point(TestData.CentreLatitude, TestData.CentreLongitude);

        await (await _client.PostAsJsonAsync(Route, request)).AssertFieldErrorAsync("foundLocation");
    }

    [Fact]
    public async Task Listing_filters_by_child()
    {
        var (agencyId, childId) = await ChildAsync("MIS6");
        var otherChild = await _client.CreateAsync("/api/persons", EntityTestData.Person(agencyId, role: "child_at_risk"));
        var wanted = await _client.CreateAsync(Route, EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-1)));
        await _client.CreateAsync(Route, EntityTestData.MissingEpisode(agencyId, otherChild, _now.AddDays(-1)));

        var ids = await _client.ListIdsAsync($"{Route}?personId={childId}");

        Assert.Equal([wanted], ids);
    }

    [Fact]
    public async Task Listing_by_time_window_returns_episodes_that_started_in_it()
    {
        var (agencyId, childId) = await ChildAsync("MIS7");
        await _client.CreateAsync(Route, EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-40)));
        var inside = await _client.CreateAsync(Route, EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-20)));
        await _client.CreateAsync(Route, EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-5)));

        var (from, to) = (Uri.EscapeDataString(_now.AddDays(-30).ToString("O")), Uri.EscapeDataString(_now.AddDays(-10).ToString("O")));
        var ids = await _client.ListIdsAsync($"{Route}?personId={childId}&from={from}&to={to}");

        Assert.Equal([inside], ids);
    }

    [Fact]
    public async Task An_episode_can_be_updated_to_record_the_return()
    {
        var (agencyId, childId) = await ChildAsync("MIS8");
        var request = EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-2));
        var id = await _client.CreateAsync(Route, request);
        request["returnedAt"] = _now.AddDays(-1).ToString("O");

        var updated = await (await _client.PutAsJsonAsync($"{Route}/{id}", request)).ReadObjectAsync();

        Assert.Equal(_now.AddDays(-1), updated["returnedAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_deleted_episode_is_gone()
    {
        var (agencyId, childId) = await ChildAsync("MIS9");
        var id = await _client.CreateAsync(Route, EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-2)));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{Route}/{id}")).StatusCode);

        await (await _client.GetAsync($"{Route}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_episode_is_a_404_to_read_update_and_delete()
    {
        var (agencyId, childId) = await ChildAsync("MIS10");
        var unknown = $"{Route}/{Guid.NewGuid()}";

        await (await _client.GetAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PutAsJsonAsync(unknown, EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-2))))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_records_one_episode()
    {
        var (agencyId, childId) = await ChildAsync("MIS11");
        var body = EntityTestData.MissingEpisode(agencyId, childId, _now.AddDays(-2));

        var (first, second) = await _client.CreateTwiceWithOneIdempotencyKeyAsync(Route, body, "episode-retry-1");

        Assert.Equal(first, second);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM missing_episodes WHERE person_id = '{childId}'"));
    }

    private async Task<(Guid AgencyId, Guid ChildId)> ChildAsync(string agencyCode)
    {
        var agencyId = await TestData.CreateAgencyAsync(_client, agencyCode);
        return (agencyId, await _client.CreateAsync("/api/persons", EntityTestData.Person(agencyId, role: "child_at_risk")));
    }
}
