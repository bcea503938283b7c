using System.IO.Compression;

namespace HotspotIntel.Bench.MapClient;

/// <summary>The built client's size as a browser downloads it: each file of <c>map-client/dist</c> gzipped at the smallest size.</summary>
internal static class ClientSize
{
    /// <summary>Gzipped bytes by file extension (js, css, html, …), for every file under <paramref name="distFolder"/>.</summary>
    public static IReadOnlyDictionary<string, long> GzipBytesByKind(string distFolder)
    {
        if (!Directory.Exists(distFolder))
        {
            throw new ArgumentException($"{distFolder} is missing: build the client first (cd map-client && npm run build; bench/run.sh does).");
        }

        return Directory.EnumerateFiles(distFolder, "*", SearchOption.AllDirectories)
            .GroupBy(file => Path.GetExtension(file).TrimStart('.').ToLowerInvariant())
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(GzipBytes));
    }

    private static long GzipBytes(string file)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var source = File.OpenRead(file))
        {
            source.CopyTo(gzip);
        }

        return compressed.Length;
    }
}
