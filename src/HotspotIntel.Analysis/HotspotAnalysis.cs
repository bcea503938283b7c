namespace HotspotIntel.Analysis;

/// <summary>
/// What a <see cref="HotspotPipeline"/> run found: the hex grid and study cells it analysed, each study cell's score
/// on the method's own scale (local excess: weighted reports above the cell's local expectation; Gi* z-score; KDE
/// density per square metre; DBSCAN clustered weight), and the hotspots, highest weighted score first.
/// <see cref="CellWeights"/> is each study cell's weighted report count; <see cref="Parameters"/> and
/// <see cref="AsOf"/> are what the run was asked for, and <see cref="Warnings"/> what its reader must know.
/// </summary>
public sealed record HotspotAnalysis(
    HexGrid Grid,
    IReadOnlyList<HexCell> StudyCells,
    IReadOnlyList<double> CellScores,
    IReadOnlyList<double> CellWeights,
    IReadOnlyList<DetectedHotspot> Hotspots,
    HotspotParameters Parameters,
    DateTimeOffset AsOf,
    IReadOnlyList<HotspotWarning> Warnings)
{
    /// <summary>Area of the study cells, in square metres.</summary>
    public double StudyAreaSquareMeters => StudyCells.Count * Grid.CellAreaSquareMeters;

    /// <summary>
    /// The highest-scoring cells that together cover <paramref name="areaShare"/> (0 to 1) of the study area: the
    /// method's map cut at a fixed coverage, as PAI comparisons between methods need. Takes ⌈share × cells⌉ cells,
    /// never one that neither scores above zero nor holds any report weight. Equal scores (DBSCAN gives every cell
    /// outside its clusters 0) are ordered by weighted report count, then study order.
    /// </summary>
    public IReadOnlyList<HexCell> TopCells(double areaShare)
    {
        if (double.IsNaN(areaShare) || areaShare < 0 || areaShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(areaShare), "The area share must be between 0 and 1.");
        }

        var wanted = (int)Math.Ceiling(areaShare * StudyCells.Count);
        return [.. Enumerable.Range(0, StudyCells.Count)
            .Where(i => CellScores[i] > 0 || CellWeights[i] > 0)
            .OrderByDescending(i => CellScores[i])
            .ThenByDescending(i => CellWeights[i])
            .ThenBy(i => i)
            .Take(wanted)
            .Select(i => StudyCells[i])];
    }
}
