using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Access;
using HotspotIntel.Bench.Seeding;

namespace HotspotIntel.Api.Tests.Bench;

public sealed class SeedDemoTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Seed_demo_loads_the_demo_city_once_even_when_run_twice_at_once()
    {
        var runs = await Task.WhenAll(
            DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None),
            DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None));
        var again = await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);

        var loaded = Assert.Single(runs, run => run is not null)!;
        Assert.Null(again);
        Assert.Equal(5UL, loaded.Rows["agencies"]);
        Assert.Equal((ulong)CityScale.DemoReports, loaded.Rows["intelligence_reports"]);
        Assert.Equal((long)CityScale.DemoReports, await CountDemoAsync("intelligence_reports"));
        Assert.Equal(2L * CityScale.DemoReports, await CountDemoAsync("links"));
        Assert.Equal(CityScale.DemoReports / 5L, await CountDemoAsync("persons"));
        Assert.Equal((long)loaded.Rows["missing_episodes"], await CountDemoAsync("missing_episodes"));
        Assert.True(loaded.Rows["link_reports"] >= loaded.Rows["links"]);
        Assert.True(loaded.Rows["report_persons"] > 0 && loaded.Rows["report_premises"] > 0
            && loaded.Rows["report_vehicles"] > 0 && loaded.Rows["report_locations"] > 0);
    }

    private async Task<long> CountDemoAsync(string table) => await database.ScalarAsync<long>(
        $"SELECT count(*) FROM {table} t JOIN agencies a ON a.id = t.agency_id WHERE a.code LIKE 'DEMO-%'");
}

public sealed class SeededDemoReadingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Seeded_reports_read_back_through_the_API_with_their_gradings_and_mentions()
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None);
        var takeaway = new SyntheticCity(new CityScale(CityScale.DemoReports), SyntheticCity.DefaultSeed).Hotspots[0];
        var (lon, lat) = (takeaway.Centre.X, takeaway.Centre.Y);
        var bbox = FormattableString.Invariant($"{lon - 0.002},{lat - 0.002},{lon + 0.002},{lat + 0.002}");

        var policeId = await database.ScalarAsync<Guid>($"SELECT id FROM agencies WHERE code = '{CityAgencies.MarkerCode}'");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, policeId);

        var page = await (await analyst.GetAsync($"/api/reports?bbox={bbox}&limit=50")).ReadObjectAsync();

        var features = page["features"]!.AsArray();
        Assert.Equal(50, features.Count);
        Assert.All(features, feature => Assert.StartsWith("Synthetic: ", feature!["properties"]!["narrative"]!.GetValue<string>()));
        Assert.All(features, feature => Assert.Matches("^[123][A-E] [PC]$", feature!["properties"]!["grading"]!.GetValue<string>()));
        Assert.Contains(features, feature => feature!["properties"]!["premisesIds"] is JsonArray { Count: > 0 });
    }
}

/// <summary>The demo a new user loads (issue 18 §2): its reports end on the day it is loaded, so its hotspots are current.</summary>
public sealed class DemoLoadedTodayTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_demo_loaded_today_has_new_intensifying_or_persistent_hotspots_in_today_s_run()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await DemoSeeder.SeedAsync(database.ConnectionString, CancellationToken.None, today);
        await new Hotspots.HotspotScenario(database).RunFullAsync();

        var lastReport = await database.ScalarAsync<DateTime>("SELECT max(occurred_at) FROM intelligence_reports");
        var current = await database.ScalarAsync<long>(
            "SELECT count(*) FROM hotspot_history WHERE run_id = published_hotspot_run() AND trend IN ('new', 'intensifying', 'persistent')");
        var all = await database.ScalarAsync<long>("SELECT count(*) FROM hotspot_history WHERE run_id = published_hotspot_run()");

        Assert.InRange(lastReport, today.ToDateTime(TimeOnly.MinValue).AddDays(-2), today.ToDateTime(TimeOnly.MinValue));
        Assert.True(current >= all / 2, $"{current} of {all} hotspots are new, intensifying or persistent");
        Assert.True(current > 0);
    }
}
