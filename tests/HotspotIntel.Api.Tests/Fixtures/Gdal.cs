using System.Diagnostics;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// GDAL's own command-line programs (Debian gdal-bin, which test.sh installs), run against the API as a GIS user's
/// tools would: the bearer token in GDAL_HTTP_HEADERS, nothing else configured.
/// </summary>
public static class Gdal
{
    /// <summary>Runs <paramref name="program"/> (ogrinfo, ogr2ogr) with <paramref name="arguments"/>; returns standard output, or fails with standard error.</summary>
    public static async Task<string> RunAsync(string program, string token, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}", "--config", "GDAL_HTTP_TIMEOUT", "60" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start; test.sh installs gdal-bin.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
