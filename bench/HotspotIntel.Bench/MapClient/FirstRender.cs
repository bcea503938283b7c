using System.Diagnostics;
using System.Text.Json;

namespace HotspotIntel.Bench.MapClient;

/// <summary>
/// Runs <c>map-client/bench/first-render.mjs</c> (playwright-core from the client's own packages, Debian's Chromium):
/// milliseconds from navigation to the first frame with hotspots and report density drawn, one figure per cold load
/// (after an untimed load that warms the server),
/// and when the last load's milestones (scripts, API calls, report tiles) ended, to show where the time went.
/// </summary>
internal static class FirstRender
{
    public static async Task<FirstRenderFigures> MeasureAsync(string repositoryRoot, Uri api, string token, int runs, string screenshot,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(repositoryRoot, "map-client"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("bench", "first-render.mjs"));
        start.Environment["FIRST_RENDER_URL"] = api.ToString().TrimEnd('/');
        start.Environment["FIRST_RENDER_TOKEN"] = token;
        start.Environment["FIRST_RENDER_RUNS"] = runs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FIRST_RENDER_SCREENSHOT"] = screenshot;
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = node.StandardError.ReadToEndAsync(cancellationToken);
        await node.WaitForExitAsync(cancellationToken);
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"first-render.mjs exited with {node.ExitCode}:\n{await errors}");
        }

        var lastLine = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        using var result = JsonDocument.Parse(lastLine);
        var phases = result.RootElement.GetProperty("phases");
        return new FirstRenderFigures(
            [.. result.RootElement.GetProperty("milliseconds").EnumerateArray().Select(ms => ms.GetDouble())],
            [.. result.RootElement.GetProperty("bareMilliseconds").EnumerateArray().Select(ms => ms.GetDouble())],
            [.. phases.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => (p.Name, p.Value.GetDouble()))],
            [.. phases.GetProperty("apiRequests").EnumerateArray().Select(r => r.GetString() ?? "")]);
    }
}

/// <summary>
/// Each cold load's time to first render, the same for bare MapLibre drawing the same data (the baseline), and the last
/// load's milestones (name, ms after navigation) and API calls.
/// </summary>
internal sealed record FirstRenderFigures(IReadOnlyList<double> Milliseconds, IReadOnlyList<double> BareMilliseconds,
    IReadOnlyList<(string Name, double Milliseconds)> Milestones,
    IReadOnlyList<string> ApiRequests);
