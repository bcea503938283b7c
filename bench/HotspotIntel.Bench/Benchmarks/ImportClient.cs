using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Common;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>The two API calls the import benchmark makes: create the importing agency, then POST the reports CSV.</summary>
internal sealed class ImportClient(Uri baseAddress) : IDisposable
{
    // A million rows take minutes; the benchmark waits as long as the import does.
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    public async Task<Guid> CreateAgencyAsync(string code, string name, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/agencies", UriKind.Relative),
            new { code, name, kind = "police" }, cancellationToken);
        var body = await Expect(response, HttpStatusCode.Created, cancellationToken);
        return body["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// POST /api/imports/reports?agencyId=… with the file streamed as the body (text/csv, with an Idempotency-Key);
    /// the time runs from the first byte sent to the 201.
    /// </summary>
    public async Task<ImportOutcome> ImportReportsAsync(Guid agencyId, string csvPath, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = file.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/imports/reports?agencyId={agencyId}", UriKind.Relative))
        {
            Content = content,
        };
        request.Headers.Add(IdempotencyKeys.Header, $"import-benchmark-{Guid.NewGuid()}");

        var watch = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await Expect(response, HttpStatusCode.Created, cancellationToken);
        watch.Stop();
        return new ImportOutcome(body["importId"]!.GetValue<Guid>(), body["rowCount"]!.GetValue<long>(), watch.Elapsed);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonObject> Expect(HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != status)
        {
            var shown = text.Length > 4000 ? text[..4000] + " …" : text;
            throw new InvalidOperationException(
                $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}:\n{shown}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>What the import endpoint answered, and how long it took.</summary>
internal sealed record ImportOutcome(Guid ImportId, long RowCount, TimeSpan Elapsed);
