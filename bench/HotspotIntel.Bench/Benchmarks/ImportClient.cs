using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Records;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// The two API calls the import benchmark makes, each with the token of the user who would make it: an administrator
/// creates the importing agency, then one of its analysts POSTs the reports CSV.
/// </summary>
internal sealed class ImportClient(Uri baseAddress) : IDisposable
{
    // A million rows take minutes; the benchmark waits as long as the import does.
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    public async Task<Guid> CreateAgencyAsync(string administratorToken, string code, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/agencies", UriKind.Relative))
        {
            Content = JsonContent.Create(new { code, name, kind = "police" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", administratorToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await Expect(response, HttpStatusCode.Created, cancellationToken);
        return body["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// POST /api/imports/reports with the file streamed as the body (text/csv, with an Idempotency-Key) into the
    /// agency of <paramref name="token"/>'s user; the time runs from the first byte sent to the 201.
    /// </summary>
    public async Task<ImportOutcome> ImportReportsAsync(string token, string csvPath, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = file.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/imports/reports", UriKind.Relative))
        {
            Content = content,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
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
