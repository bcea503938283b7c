using HotspotIntel.Analysis;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Npgsql;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The hotspots a run's identities are matched against: those of the current run (<see cref="PublishedHotspotRun"/>), each as the cells of the
/// new run's grid whose centres lie inside its stored area (read back in British National Grid with
/// <c>ST_Transform(area, 27700)</c>), so runs on different cell sizes still match.
/// </summary>
internal static class PreviousHotspots
{
    public static async Task<(Guid? RunId, IReadOnlyList<PreviousHotspot> Hotspots)> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, HexGrid grid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT h.latest_run_id, h.id, ST_Transform(h.area, 27700)
            FROM hotspots h
            WHERE h.latest_run_id = ({PublishedHotspotRun.IdSql})
            ORDER BY h.id
            """, connection, transaction)
        { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Guid? runId = null;
        var hotspots = new List<PreviousHotspot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runId = reader.GetGuid(0);
            hotspots.Add(new PreviousHotspot(reader.GetGuid(1), CellsInside(grid, reader.GetFieldValue<Geometry>(2))));
        }

        return (runId, hotspots);
    }

    private static HashSet<HexCell> CellsInside(HexGrid grid, Geometry area)
    {
        var inside = PreparedGeometryFactory.Prepare(area);
        var box = area.EnvelopeInternal;
        var cells = grid.CellsWithCentresIn(new PlanarExtent(box.MinX, box.MinY, box.MaxX, box.MaxY));
        return [.. cells.Where(cell =>
        {
            var centre = grid.Centre(cell);
            return inside.Contains(area.Factory.CreatePoint(new Coordinate(centre.X, centre.Y)));
        })];
    }
}
