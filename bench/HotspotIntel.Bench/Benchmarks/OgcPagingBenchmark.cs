using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>ogc-paging</c>: OGC API Features items of the reports collection as an analyst, at the first page and at the
/// 10,000th feature, the API following its keyset <c>next</c> links (the page at the 10,000th feature is reached by
/// following them untimed, then timed), against pg_featureserv-style OFFSET paging of the same rows (the same order,
/// newest first, the same page size, as GeoJSON) as bare SQL in the same run; and the same bare SQL with a keyset
/// condition, to tell the API's own cost from the paging method's.
/// </summary>
internal static class OgcPagingBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var city = new SyntheticCity(options.Scale("100000"), options.Seed);
        var database = await MapBenchmark.PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        var agencyId = city.Agencies.Police.Id;
        var pageSize = options.Number("limit", 100);
        var deep = options.Number("offset", 10_000);
        var repeats = options.Number("repeats", 20);
        await using var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5097), BenchDatabase.AsApplication(database), users.Auth.SigningKey!,
            cancellationToken, new Dictionary<string, string> { ["RateLimiting__PermitsPerMinute"] = "1000000000" });
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.Analyst(agencyId));

        var first = $"/ogc/collections/reports/items?limit={pageSize}";
        Console.WriteLine($"OGC paging: following next links to the feature at {deep:N0} ({deep / pageSize} pages of {pageSize})…");
        var deepPage = first;
        for (var seen = 0; seen < deep; seen += pageSize)
        {
            var page = JsonNode.Parse(await http.GetStringAsync(deepPage, cancellationToken))!;
            var next = page["links"]!.AsArray().FirstOrDefault(link => link!["rel"]!.GetValue<string>() == "next")
                ?? throw new InvalidOperationException($"The collection ended before feature {deep:N0}: load a larger city.");
            deepPage = new Uri(next["href"]!.GetValue<string>()).PathAndQuery;
        }

        await using var owner = NpgsqlDataSource.Create(database);
        var lastKey = await KeyBeforeAsync(owner, deep, cancellationToken);
        var apiFirst = await TimeAsync(repeats, () => http.GetStringAsync(first, cancellationToken));
        var apiDeep = await TimeAsync(repeats, () => http.GetStringAsync(deepPage, cancellationToken));
        var offsetFirst = await TimeAsync(repeats, () => ScalarAsync(owner, OffsetSql, [pageSize, 0], cancellationToken));
        var offsetDeep = await TimeAsync(repeats, () => ScalarAsync(owner, OffsetSql, [pageSize, deep], cancellationToken));
        var keysetDeep = await TimeAsync(repeats, () => ScalarAsync(owner, KeysetSql, [pageSize, lastKey], cancellationToken));

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Reports collection, city of {city.Scale.Reports:N0} reports, {pageSize} features a page, median of {repeats}:"));
        Console.WriteLine(string.Create(invariant, $"API keyset, first page              {Median(apiFirst),8:F1} ms"));
        Console.WriteLine(string.Create(invariant, $"API keyset, at feature {deep,-7:N0}       {Median(apiDeep),8:F1} ms   ({Median(apiDeep) / Median(apiFirst):F2} x its first page)"));
        Console.WriteLine(string.Create(invariant, $"bare SQL OFFSET, first page         {Median(offsetFirst),8:F1} ms"));
        Console.WriteLine(string.Create(invariant, $"bare SQL OFFSET, at feature {deep,-7:N0}  {Median(offsetDeep),8:F1} ms   ({Median(offsetDeep) / Median(offsetFirst):F2} x its first page)"));
        Console.WriteLine(string.Create(invariant, $"bare SQL keyset, at feature {deep,-7:N0}  {Median(keysetDeep),8:F1} ms"));
        Console.WriteLine(string.Create(invariant, $"API keyset at feature {deep:N0} / bare OFFSET at it: {Median(apiDeep) / Median(offsetDeep):F2}"));
        return 0;
    }

    /// <summary>The page as pg_featureserv builds it: the rows in key order, OFFSET, as a GeoJSON FeatureCollection.</summary>
    private const string OffsetSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'))::text FROM (
            SELECT json_build_object('type', 'Feature', 'id', r.id, 'geometry', ST_AsGeoJSON(r.location)::json,
                                     'properties', json_build_object('category', r.category, 'occurredAt', r.occurred_at)) AS f
            FROM intelligence_reports r ORDER BY r.id DESC LIMIT $1 OFFSET $2) page
        """;

    private const string KeysetSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'))::text FROM (
            SELECT json_build_object('type', 'Feature', 'id', r.id, 'geometry', ST_AsGeoJSON(r.location)::json,
                                     'properties', json_build_object('category', r.category, 'occurredAt', r.occurred_at)) AS f
            FROM intelligence_reports r WHERE r.id < $2 ORDER BY r.id DESC LIMIT $1) page
        """;

    private static async Task<Guid> KeyBeforeAsync(NpgsqlDataSource owner, int offset, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("SELECT id FROM intelligence_reports ORDER BY id DESC OFFSET $1 - 1 LIMIT 1");
        command.Parameters.Add(new() { Value = offset });
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource owner, string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Milliseconds of each of <paramref name="repeats"/> runs, after an untimed one.</summary>
    private static async Task<List<double>> TimeAsync<T>(int repeats, Func<Task<T>> run)
    {
        await run();
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> times) => Percentiles.Of(times, 0.5);
}
