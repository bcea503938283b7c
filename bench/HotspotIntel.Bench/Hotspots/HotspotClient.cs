using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Bench.City;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>The API calls <c>hotspot-speed</c> makes as one analyst: start a run, follow it, and create reports.</summary>
internal sealed class HotspotClient : IDisposable
{
    private readonly HttpClient _http;

    public HotspotClient(Uri baseAddress, string token)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<Guid> StartRunAsync(CancellationToken cancellationToken) => StartRunAsync(null, cancellationToken);

    /// <summary>Starts a full run dated <paramref name="asOf"/> (the server's clock when null) by <paramref name="method"/> (the configured one when null).</summary>
    public async Task<Guid> StartRunAsync(DateTimeOffset? asOf, CancellationToken cancellationToken, HotspotMethod? method = null)
    {
        var body = new JsonObject();
        if (asOf is { } date)
        {
            body["asOf"] = date.ToString("O", CultureInfo.InvariantCulture);
        }

        if (method is { } chosen)
        {
            body["method"] = EnumCodes<HotspotMethod>.ToCode(chosen);
        }

        using var response = await _http.PostAsJsonAsync("/api/hotspot-runs", body, cancellationToken);
        return (await ExpectAsync(response, HttpStatusCode.Accepted, cancellationToken))["id"]!.GetValue<Guid>();
    }

    /// <summary>Publishes a succeeded run, so the shared views (tiles, lists) read it: an analyst's run is a trial until then.</summary>
    public async Task PublishRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri($"/api/hotspot-runs/{runId}/publication", UriKind.Relative), null, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Milliseconds one <c>GET /api/hotspots</c> (the published run's list, as this analyst may see it) takes, body read.</summary>
    public async Task<double> TimeHotspotListAsync(CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _http.GetAsync(new Uri("/api/hotspots", UriKind.Relative), cancellationToken);
        await ExpectAsync(response, HttpStatusCode.OK, cancellationToken);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Polls the run once a second until it has ended (succeeded, failed or skipped).</summary>
    public async Task<HotspotRunFigures> WaitForRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await _http.GetAsync(new Uri($"/api/hotspot-runs/{runId}", UriKind.Relative), cancellationToken);
            var run = await ExpectAsync(response, HttpStatusCode.OK, cancellationToken);
            var status = run["status"]!.GetValue<string>();
            if (status is "succeeded" or "failed" or "skipped")
            {
                return new HotspotRunFigures(status, run["method"]!.GetValue<string>(), run["hotspotCount"]?.GetValue<int>(),
                    run["reportCount"]?.GetValue<int>(), run["durationSeconds"]?.GetValue<double>() ?? double.NaN, run["error"]?.GetValue<string>());
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Creates <paramref name="count"/> reports at random places in the city, four requests at a time.</summary>
    public async Task CreateReportsAsync(SyntheticCity city, int count, ulong seed, CancellationToken cancellationToken)
    {
        var random = new Random((int)(seed % int.MaxValue));
        var bodies = Enumerable.Range(0, count).Select(_ =>
        {
            var (east, north) = (random.NextDouble() * 14000 - 7000, random.NextDouble() * 10000 - 5000);
            var point = city.Map.Grid.ToPoint(east, north);
            return new JsonObject
            {
                ["category"] = "child_with_adults",
                ["narrative"] = "Synthetic: benchmark report of children seen with older adults.",
                ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-random.Next(1, 72)).ToString("O", CultureInfo.InvariantCulture),
                ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(point.X, point.Y) },
                ["sourceEvaluation"] = "2",
                ["intelligenceAssessment"] = "B",
                ["handlingCode"] = "P",
                ["securityMarking"] = "OFFICIAL-SENSITIVE",
                ["lawfulBasis"] = "law_enforcement",
            };
        }).ToList();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (body, token) =>
        {
            using var response = await _http.PostAsJsonAsync("/api/reports", body, token);
            await ExpectAsync(response, HttpStatusCode.Created, token);
        });
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == status
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
    }
}

/// <summary>What a finished run's record says.</summary>
internal sealed record HotspotRunFigures(string Status, string Method, int? HotspotCount, int? ReportCount, double DurationSeconds, string? Error);
