using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.MissingEpisodes;

namespace HotspotIntel.Api.Tests.MissingEpisodes;

/// <summary>
/// The frequently-missing flag as counts per month and area (issue 15 §2), on hand-made episodes: every operational role
/// gets counts only, over the episodes its agency may read, small counts withheld.
/// </summary>
public sealed partial class FrequentlyMissingCountsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/missing-episodes/frequently-missing";

    // Eight months back: the whole period is in the past (to may not be after the current month), and every month is whole.
    private static readonly DateTime FirstMonth = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-8);

    [Fact]
    public async Task Children_count_in_the_month_whose_rolling_window_holds_their_threshold_of_episodes()
    {
        var (agencyId, client) = await database.SignInAsync("FMC1");
        // Three children each of whom reaches 3 episodes in 90 days only at the end of the third month (days 5, 50, 80).
        await ChildrenAsync(agencyId, 3, [5, 50, 80], found: null);
        // Three whose third episode comes 95 days after their first: never 3 in any 90 days.
        await ChildrenAsync(agencyId, 3, [5, 50, 100], found: null);
        // Three with two episodes: below the threshold.
        await ChildrenAsync(agencyId, 3, [5, 10], found: null);

        var months = await MonthsAsync(client, $"{Route}?from={Month(0)}&to={Month(3)}");

        Assert.Equal([Month(0), Month(1), Month(2), Month(3)], months.Select(m => m["month"]!.GetValue<string>()));
        Assert.Equal([0, 0, 3, 0], months.Select(m => m["children"]!.GetValue<int>()));
        Assert.All(months, m => Assert.False(m["suppressed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Each_ward_and_cell_counts_the_children_found_there_and_a_count_below_three_is_withheld()
    {
        var (agencyId, client) = await database.SignInAsync("FMC2");
        await WardAsync("Synthetic North FMC2", 405_000, 285_500, 407_000, 287_000);
        await WardAsync("Synthetic South FMC2", 405_000, 283_000, 407_000, 285_500);
        await ChildrenAsync(agencyId, 3, [2, 10, 20], found: (406_100, 286_100));
        await ChildrenAsync(agencyId, 1, [3, 11, 21], found: (406_100, 284_100));
        // Found in neither ward: counted in the total only.
        await ChildrenAsync(agencyId, 1, [4, 12, 22], found: null);

        var byWard = (await MonthsAsync(client, $"{Route}?areaType=ward&from={Month(0)}&to={Month(0)}")).Single();
        var byCell = (await MonthsAsync(client, $"{Route}?areaType=cell&from={Month(0)}&to={Month(0)}")).Single();

        Assert.Equal(5, byWard["children"]!.GetValue<int>());
        Assert.Equal(["Synthetic North FMC2 3", "Synthetic South FMC2 withheld"], Areas(byWard));
        // 500 m cells centred on multiples of 500 m of British National Grid (the masking cells).
        Assert.Equal(["E406000N284000 withheld", "E406000N286000 3"], Areas(byCell));
    }

    [Fact]
    public async Task A_role_that_may_not_read_episodes_gets_the_counts_and_never_an_id()
    {
        var (agencyId, analyst) = await database.SignInAsync("FMC3");
        var children = await ChildrenAsync(agencyId, 3, [2, 10, 20], found: (406_100, 286_100));
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);

        var episodes = await taskingMember.GetAsync("/api/missing-episodes");
        var counts = await taskingMember.GetAsync($"{Route}?areaType=cell&from={Month(0)}&to={Month(1)}");
        var body = await counts.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, episodes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counts.StatusCode);
        Assert.Equal([3, 3], JsonNode.Parse(body)!["months"]!.AsArray().Select(m => m!["children"]!.GetValue<int>()));
        Assert.DoesNotMatch(Uuid(), body);
        Assert.All(children, child => Assert.DoesNotContain(child.ToString(), body, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.GetAsync(Route)).StatusCode);
        // What the analyst's agency may read, the analyst counts alike.
        Assert.Equal(3, (await MonthsAsync(analyst, $"{Route}?from={Month(0)}&to={Month(0)}")).Single()["children"]!.GetValue<int>());
    }

    [Fact]
    public async Task Another_agency_counts_only_what_it_is_shared()
    {
        var (ownerId, _) = await database.SignInAsync("FMC4");
        await ChildrenAsync(ownerId, 3, [2, 10, 20], found: (406_100, 286_100));
        await ChildrenAsync(ownerId, 3, [2, 10, 20], found: (406_100, 286_100), handlingCode: "C");
        var (_, unshared) = await database.SignInAsync("FMC4U", UserRole.TaskingMember);
        var (partnerId, partner) = await database.SignInAsync("FMC4P", UserRole.TaskingMember);
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        using var owner = database.Application.CreateClient(UserRole.TaskingMember, ownerId);

        var query = $"{Route}?areaType=cell&from={Month(0)}&to={Month(0)}";
        var unsharedMonth = (await MonthsAsync(unshared, query)).Single();
        var partnerMonth = (await MonthsAsync(partner, query)).Single();
        var ownerMonth = (await MonthsAsync(owner, query)).Single();

        Assert.Equal(0, unsharedMonth["children"]!.GetValue<int>());
        Assert.Empty(unsharedMonth["areas"]!.AsArray());
        // A partner reads P-coded episodes only; the owner all six children's.
        Assert.Equal(3, partnerMonth["children"]!.GetValue<int>());
        Assert.Equal(6, ownerMonth["children"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_counts_agree_with_the_frequently_missing_rule_on_random_episodes()
    {
        var (agencyId, client) = await database.SignInAsync("FMC5");
        await WardAsync("Synthetic East FMC5", 410_000, 280_000, 412_000, 282_000);
        await WardAsync("Synthetic West FMC5", 408_000, 280_000, 410_000, 282_000);
        var random = new Random(15);
        var episodes = new List<EpisodeInArea>();
        for (var child = 0; child < 40; child++)
        {
            var days = Enumerable.Range(0, random.Next(1, 7)).Select(_ => random.Next(0, 240)).Distinct().ToArray();
            // At least 50 m inside a ward, or found nowhere recorded (a third of them).
            var found = days.Select(_ => random.Next(3) == 0 ? ((int, int)?)null
                : (random.Next(2) * 2000 + random.Next(408_050, 409_950), random.Next(280_050, 281_950))).ToArray();
            var childId = await ChildAsync(agencyId);
            for (var i = 0; i < days.Length; i++)
            {
                var start = await EpisodeAsync(agencyId, childId, days[i], found[i], "P");
                episodes.Add(new(childId, start, found[i] is { } point ? (point.Item1 < 410_000 ? "Synthetic West FMC5" : "Synthetic East FMC5") : null));
            }
        }

        var months = await MonthsAsync(client, $"{Route}?areaType=ward&from={Month(0)}&to={Month(7)}");

        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var monthEnds = Enumerable.Range(0, 8)
            .Select(i => new DateTimeOffset(FirstMonth.AddMonths(i + 1), london.GetUtcOffset(FirstMonth.AddMonths(i + 1))).AddTicks(-10));
        var expected = FrequentlyMissingCounts.Over(episodes, monthEnds, new FrequentlyMissingRule())
            .Select(count => string.Join("; ", new[] { Withheld(count.Children) }.Concat(count.ByArea.Select(area => $"{area.AreaCode} {Withheld(area.Children)}"))));
        var actual = months.Select(month => string.Join("; ", new[] { Shown(month["children"]?.GetValue<int>()) }.Concat(Areas(month))));
        Assert.Equal(expected, actual);
        Assert.Contains(months, month => month["children"]?.GetValue<int>() >= 3);
    }

    [Theory]
    [InlineData("areaType=street", "areaType")]
    [InlineData("from=2026-13", "from")]
    [InlineData("to=2999-01", "to")]
    [InlineData("from=2020-01&to=2023-01", "from")]
    [InlineData("from=2024-05&to=2024-04", "from")]
    public async Task A_bad_query_is_a_400_naming_the_field(string query, string field)
    {
        var (_, client) = await database.SignInAsync($"FMC6-{Guid.NewGuid():N}"[..12].ToUpperInvariant(), UserRole.TaskingMember);

        await (await client.GetAsync($"{Route}?{query}")).AssertFieldErrorAsync(field);
    }

    private static string Month(int offset) => FirstMonth.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Shown(int? children) => children is null ? "withheld" : children.Value.ToString(CultureInfo.InvariantCulture);

    // The suppression rule the counts follow: 1 or 2 withheld (masking_minimum_count() is 3).
    private static string Withheld(int children) => children is 1 or 2 ? "withheld" : children.ToString(CultureInfo.InvariantCulture);

    private static string[] Areas(JsonNode month) =>
        [.. month["areas"]!.AsArray().Select(area => $"{area!["area"]!.GetValue<string>()} {(area["suppressed"]!.GetValue<bool>() ? "withheld" : area["children"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture))}")];

    private static async Task<List<JsonNode>> MonthsAsync(HttpClient client, string pathAndQuery)
    {
        var response = await client.GetAsync(pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadObjectAsync())["months"]!.AsArray().Select(month => month!)];
    }

    /// <summary><paramref name="count"/> new children, each with an episode starting on each of <paramref name="days"/> (days after the first month began, at noon UTC).</summary>
    private async Task<List<Guid>> ChildrenAsync(Guid agencyId, int count, int[] days, (int Easting, int Northing)? found, string handlingCode = "P")
    {
        var children = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var childId = await ChildAsync(agencyId);
            foreach (var day in days)
            {
                await EpisodeAsync(agencyId, childId, day, found, handlingCode);
            }

            children.Add(childId);
        }

        return children;
    }

    private async Task<Guid> ChildAsync(Guid agencyId)
    {
        var childId = Guid.CreateVersion7();
        await database.ExecuteAsync(
            $"""
            INSERT INTO persons (id, agency_id, role, family_name, given_names, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{childId}', '{agencyId}', 'child_at_risk', 'Synthetic-Missing', 'Testchild', 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now())
            """);
        return childId;
    }

    /// <summary>An episode from noon UTC <paramref name="day"/> days after the first month began, found at a British National Grid point (or nowhere recorded).</summary>
    private async Task<DateTimeOffset> EpisodeAsync(Guid agencyId, Guid childId, int day, (int Easting, int Northing)? found, string handlingCode)
    {
        var start = new DateTimeOffset(FirstMonth.AddDays(day).AddHours(12), TimeSpan.Zero);
        var location = found is { } point ? $"ST_Transform(ST_SetSRID(ST_MakePoint({point.Easting}, {point.Northing}), 27700), 4326)" : "NULL";
        var conditions = handlingCode == "C" ? "'Synthetic: not to be shared'" : "NULL";
        await database.ExecuteAsync(
            $"""
            INSERT INTO missing_episodes (id, agency_id, person_id, missing_from, returned_at, found_location, from_care, handling_code,
                handling_conditions, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{Guid.CreateVersion7()}', '{agencyId}', '{childId}', '{start:O}', '{start.AddHours(20):O}', {location}, false, '{handlingCode}',
                {conditions}, 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now())
            """);
        return start;
    }

    private Task WardAsync(string name, int minEasting, int minNorthing, int maxEasting, int maxNorthing) =>
        database.ExecuteAsync(
            $"""
            INSERT INTO basemap_features (layer, kind, name, geom)
            VALUES ('ward', 'ward', '{name}', ST_Transform(ST_MakeEnvelope({minEasting}, {minNorthing}, {maxEasting}, {maxNorthing}, 27700), 4326))
            """);

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();
}
