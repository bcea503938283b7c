using System.Diagnostics;
using System.Net.Http.Headers;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Tiles;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Bench.MapClient;

/// <summary>What one tile took each way, over the measured passes, and how big the API's answer was.</summary>
internal sealed record TileTiming(SweepTile Tile, int Bytes, IReadOnlyList<double> ApiMs, IReadOnlyList<double> ApiSqlMs, IReadOnlyList<double> BareMs,
    IReadOnlyList<double> LiveCountMs);

/// <summary>
/// Times each tile of a sweep three ways, one request at a time, interleaved tile by tile so caches warm all alike:
/// <list type="bullet">
/// <item>the API: <c>GET /tiles/…</c> over HTTP with the user's token (authentication, row-level security, masking, HTTP);</item>
/// <item>the API's SQL: <see cref="TileQueries.TileAsync"/> from this process as the application role with the user's
/// session (everything but HTTP and authentication), to show where the time goes;</item>
/// <item>bare <c>ST_AsMVT</c>: the same tile SQL as the schema owner over the tables themselves (for reports,
/// <c>intelligence_reports</c> instead of the masking view, or the counts made ahead up to zoom 13; no row-level
/// security, no session), prepared once;</item>
/// <item>for report tiles up to zoom 13 also bare <c>ST_AsMVT</c> counting <c>intelligence_reports</c> live, as a plain
/// tile server would: what counting ahead saves.</item>
/// </list>
/// A first pass warms caches and prepared statements and is not counted.
/// </summary>
internal sealed class TileTimer(Uri api, string token, NpgsqlDataSource application, AccessSession session, NpgsqlDataSource owner) : IDisposable
{
    /// <summary>The report layer as a bare tile server would serve it: every report at its recorded place.</summary>
    public static readonly TileLayer BareReports = TileLayer.Reports with
    {
        FromWhereSql = $"FROM intelligence_reports r, area WHERE r.location && {TileLayer.InTile}",
        TakesReportFilters = false,
    };

    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<IReadOnlyList<TileTiming>> MeasureAsync(IReadOnlyList<SweepTile> tiles, int passes, CancellationToken cancellationToken)
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var bare = await owner.OpenConnectionAsync(cancellationToken);
        var timings = tiles.Select(_ => (Bytes: 0, Api: new List<double>(), ApiSql: new List<double>(), Bare: new List<double>(), LiveCount: new List<double>())).ToList();
        for (var pass = 0; pass <= passes; pass++)
        {
            for (var i = 0; i < tiles.Count; i++)
            {
                var tile = tiles[i];
                var (apiMs, bytes) = await TimeAsync(() => ApiTileAsync(tile, cancellationToken));
                var (apiSqlMs, _) = await TimeAsync(() => ApiSqlTileAsync(tile, cancellationToken));
                var (bareMs, _) = await TimeAsync(() => BareTileAsync(bare, BareSql(tile), tile, cancellationToken));
                var countedAhead = tile.Layer == TileLayer.Reports.Name && tile.Z <= TileQueries.CountedAheadToZoom;
                var (liveCountMs, _) = countedAhead ? await TimeAsync(() => BareTileAsync(bare, TileQueries.Sql(BareReports, tile.Z), tile, cancellationToken)) : (double.NaN, 0);
                if (pass == 0)
                {
                    timings[i] = timings[i] with { Bytes = bytes };
                    continue;
                }

                timings[i].Api.Add(apiMs);
                timings[i].ApiSql.Add(apiSqlMs);
                timings[i].Bare.Add(bareMs);
                if (countedAhead)
                {
                    timings[i].LiveCount.Add(liveCountMs);
                }
            }
        }

        return [.. tiles.Select((tile, i) => new TileTiming(tile, timings[i].Bytes, timings[i].Api, timings[i].ApiSql, timings[i].Bare, timings[i].LiveCount))];
    }

    public void Dispose() => _http.Dispose();

    private static async Task<(double Milliseconds, int Bytes)> TimeAsync(Func<Task<int>> fetch)
    {
        var watch = Stopwatch.StartNew();
        var bytes = await fetch();
        return (watch.Elapsed.TotalMilliseconds, bytes);
    }

    private async Task<int> ApiTileAsync(SweepTile tile, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/tiles/{tile.Layer}/{tile.Z}/{tile.X}/{tile.Y}.mvt", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
    }

    private async Task<int> ApiSqlTileAsync(SweepTile tile, CancellationToken cancellationToken) =>
        (await TileQueries.TileAsync(application, session, TileLayer.ByName[tile.Layer], new TileAddress(tile.Z, tile.X, tile.Y), ReportFilter.None, cancellationToken)).Length;

    /// <summary>The SQL the API runs for the tile, over the tables themselves (the owner reads the counts unmasked).</summary>
    private static string BareSql(SweepTile tile) => tile.Layer == TileLayer.Reports.Name
        ? tile.Z <= TileQueries.CountedAheadToZoom ? TileQueries.CountedAheadSql : TileQueries.Sql(BareReports, tile.Z)
        : TileQueries.Sql(TileLayer.ByName[tile.Layer], tile.Z);

    private static async Task<int> BareTileAsync(NpgsqlConnection connection, string sql, SweepTile tile, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = tile.Z, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = tile.X, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = tile.Y, NpgsqlDbType = NpgsqlDbType.Integer });
        await command.PrepareAsync(cancellationToken);
        return (await command.ExecuteScalarAsync(cancellationToken) as byte[] ?? []).Length;
    }
}
