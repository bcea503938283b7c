using HotspotIntel.Core.Grading;

namespace HotspotIntel.Analysis;

/// <summary>
/// What a <see cref="Core.Hotspots.HotspotMethod.LocalExcess"/> run needs of its reports, counted per study cell: in each window (now:
/// the last half-life; the trend period; all the run's reports) and each trend bin, how many reports of each grading
/// (source evaluation × intelligence assessment A to D; E weighs nothing) fall in each cell. Everything else the run does
/// works on these counts (<see cref="HotspotPipeline.Run(LocalExcessCounts, IReadOnlyList{HotspotReport})"/>).
/// </summary>
/// <remarks>
/// Counts are whole numbers, so counts kept up to date by the reports that changed (<see cref="Advance"/>: each changed
/// report's old version taken out and its new one put in, and the reports whose window or trend bin the later date
/// moves them out of or into) are exactly the counts made from every report, in any order; and the analysis made from
/// them is the same as a full run's, to the last bit. A report's weight in a window is its grading weight
/// (<see cref="ReportWeighting.GradingWeight"/>); a cell's value is its counts times those weights, summed grading by
/// grading in a fixed order.
/// </remarks>
public sealed class LocalExcessCounts
{
    /// <summary>Gradings that weigh something: three source evaluations × assessments A to D.</summary>
    public const int Gradings = 12;

    /// <summary>Windows before the trend bins: now, the trend period, all the run's reports.</summary>
    private const int Recent = 0;
    private const int Period = 1;
    private const int History = 2;
    private const int FirstBin = 3;

    /// <summary>Beyond this many reports whose dates are not in the sorted index, it is sorted again.</summary>
    private const int UnsortedLimit = 100_000;

    private static readonly double[] GradingWeights = [.. Enumerable.Range(0, Gradings).Select(g =>
        ReportWeighting.GradingWeight((SourceEvaluation)(g / 4), (IntelligenceAssessment)(g % 4)))];

    // Per window, per cell and grading: [cell * Gradings + grading]; and per window and grading, over all cells.
    private readonly int[][] _counts;
    private readonly long[][] _totals;
    // Per report (its position in the run's list), its study cell, or -1 when it is dated after the run's date.
    private readonly int[] _cellOf;
    private readonly PlanarExtent _bounds;
    // The reports' dates sorted (ticks, with their positions), and the positions whose date is not (or no longer) there.
    private readonly long[] _sortedTicks;
    private readonly int[] _sortedPositions;
    private readonly HashSet<int> _unsorted;
    private readonly List<int> _moved = [];

    private LocalExcessCounts(HotspotParameters parameters, DateTimeOffset asOf, StudyArea? study, int[][] counts, long[][] totals, int[] cellOf,
        int used, PlanarExtent bounds, long[] sortedTicks, int[] sortedPositions, HashSet<int> unsorted)
    {
        Parameters = parameters;
        AsOf = asOf;
        Study = study;
        _counts = counts;
        _totals = totals;
        _cellOf = cellOf;
        UsedCount = used;
        _bounds = bounds;
        _sortedTicks = sortedTicks;
        _sortedPositions = sortedPositions;
        _unsorted = unsorted;
    }

    /// <summary>The parameters the reports were counted with.</summary>
    public HotspotParameters Parameters { get; }

    /// <summary>The date the reports were counted as of.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>How many reports were counted: those dated on or before <see cref="AsOf"/>.</summary>
    public int UsedCount { get; private set; }

    /// <summary>How many reports the counts are of (their positions in the run's list), used or not.</summary>
    public int ReportCount => _cellOf.Length;

    /// <summary>The study cells: those around the used reports (null when there are none).</summary>
    internal StudyArea? Study { get; }

    /// <summary>Per report position, its study cell, or -1 when it is dated after <see cref="AsOf"/>.</summary>
    internal IReadOnlyList<int> CellOfReport => _cellOf;

    /// <summary>
    /// The cell the report at <paramref name="position"/> was counted in; null when it was not counted (dated after
    /// <see cref="AsOf"/>, or beyond the reports counted).
    /// </summary>
    public HexCell? CellOf(int position) => position < _cellOf.Length && _cellOf[position] >= 0 ? Study!.Cells[_cellOf[position]] : null;

    /// <summary>
    /// For counts brought forward (<see cref="Advance"/>), the positions of the reports whose place in them changed:
    /// those that changed, and those that the later date took into use or out of it. A report that did neither is in
    /// the same cell, with the same weight but for the decay every report shares. Empty for counts made afresh.
    /// </summary>
    public IReadOnlyList<int> Moved => _moved;

    /// <summary>Counts <paramref name="reports"/> as of <paramref name="asOf"/>.</summary>
    public static LocalExcessCounts Count(IReadOnlyList<HotspotReport> reports, HotspotParameters parameters, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Parameter}: {p.Message}")), nameof(parameters));
        }

        var grid = new HexGrid(parameters.CellSizeMeters);
        var used = reports.Count(report => report.OccurredAt <= asOf);
        var bounds = StudyArea.BoundsOf(reports.Where(report => report.OccurredAt <= asOf));
        var study = used == 0 ? null : StudyArea.Covering(grid, bounds, parameters.NeighbourhoodRings);
        var windows = FirstBin + parameters.TrendBins;
        var cells = study?.Cells.Count ?? 0;
        var counts = new int[windows][];
        var totals = new long[windows][];
        for (var w = 0; w < windows; w++)
        {
            counts[w] = new int[cells * Gradings];
            totals[w] = new long[Gradings];
        }

        var cellOf = new int[reports.Count];
        var ticks = new long[reports.Count];
        var positions = new int[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            cellOf[i] = report.OccurredAt > asOf ? -1 : study!.PositionOf(grid.CellOf(report.Point));
            ticks[i] = report.OccurredAt.UtcTicks;
            positions[i] = i;
        }

        Array.Sort(ticks, positions);
        var state = new LocalExcessCounts(parameters, asOf, study, counts, totals, cellOf, used, bounds, ticks, positions, []);
        for (var i = 0; i < reports.Count; i++)
        {
            state.Add(reports[i], cellOf[i], asOf, 1);
        }

        return state;
    }

    /// <summary>
    /// These counts brought up to <paramref name="reports"/> as of <paramref name="asOf"/>: the same reports at the same
    /// positions as the ones counted, but for those at <paramref name="changed"/> (each with its version counted, null
    /// for a report new at a position after the counted ones). These counts are left as they were. Null when the study
    /// cells would change (a report beyond the reports' bounds, or one on them moved or taken away), the parameters
    /// differ, or so many reports changed since the counts were made afresh that their dates are best sorted again:
    /// then the reports must be counted afresh (<see cref="Count"/>).
    /// </summary>
    public LocalExcessCounts? Advance(IReadOnlyList<HotspotReport> reports, IReadOnlyList<(int Position, HotspotReport? Before)> changed,
        HotspotParameters parameters, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(changed);
        if (parameters != Parameters || Study is null || reports.Count < _cellOf.Length)
        {
            return null;
        }

        var grid = Study.Grid;
        var counts = _counts.Select(window => (int[])window.Clone()).ToArray();
        var totals = _totals.Select(window => (long[])window.Clone()).ToArray();
        var cellOf = new int[reports.Count];
        Array.Copy(_cellOf, cellOf, _cellOf.Length);
        var unsorted = new HashSet<int>(_unsorted);
        var next = new LocalExcessCounts(parameters, asOf, Study, counts, totals, cellOf, UsedCount, _bounds, _sortedTicks, _sortedPositions, unsorted);
        var changedAt = new Dictionary<int, HotspotReport?>(changed.Count);
        foreach (var (position, before) in changed)
        {
            if (position < _cellOf.Length && before is null)
            {
                throw new ArgumentException($"The report at {position} was counted before: its counted version is needed.", nameof(changed));
            }

            changedAt.TryAdd(position, before);
            unsorted.Add(position);
        }

        for (var position = _cellOf.Length; position < reports.Count; position++)
        {
            if (!changedAt.ContainsKey(position))
            {
                throw new ArgumentException($"The report at {position} is new but not among the changed ones.", nameof(changed));
            }

            cellOf[position] = -1;
        }

        // Changed reports: the counted version out, the new one in. Then the reports that did not change but that the
        // later date moves into use or across the start of a window or a bin. Positions in the sorted index are visited
        // once each (Crossing); the changed ones are in the unsorted set and skipped there.
        foreach (var (position, before) in changedAt)
        {
            if (!next.Replace(position, before, AsOf, reports[position], asOf))
            {
                return null;
            }
        }

        foreach (var position in next.Crossing(AsOf, asOf))
        {
            if (!changedAt.ContainsKey(position)
                && Contribution(reports[position], AsOf) != Contribution(reports[position], asOf)
                && !next.Replace(position, reports[position], AsOf, reports[position], asOf))
            {
                return null;
            }
        }

        return unsorted.Count > UnsortedLimit ? null : next;
    }

    /// <summary>
    /// Per cell, the weighted count of reports in window <paramref name="window"/> (0 now, 1 the trend period, 2 all,
    /// 3 on the trend bins), and the window's report unit Σw² / Σw (1 when it holds no weight).
    /// </summary>
    internal (double[] Values, double Unit) Window(int window)
    {
        var counts = _counts[window];
        var values = new double[counts.Length / Gradings];
        for (var cell = 0; cell < values.Length; cell++)
        {
            var value = 0.0;
            for (var g = 0; g < Gradings; g++)
            {
                value += counts[(cell * Gradings) + g] * GradingWeights[g];
            }

            values[cell] = value;
        }

        var (sum, sumOfSquares) = (0.0, 0.0);
        for (var g = 0; g < Gradings; g++)
        {
            sum += _totals[window][g] * GradingWeights[g];
            sumOfSquares += _totals[window][g] * GradingWeights[g] * GradingWeights[g];
        }

        return (values, sum > 0 ? sumOfSquares / sum : 1.0);
    }

    internal static int RecentWindow => Recent;

    internal static int PeriodWindow => Period;

    internal static int HistoryWindow => History;

    internal static int BinWindow(int bin) => FirstBin + bin;

    /// <summary>Whether the trend bins' counts add up to the trend period's, cell by cell and grading by grading.</summary>
    internal bool BinsAreThePeriod()
    {
        var period = _counts[Period];
        for (var at = 0; at < period.Length; at++)
        {
            var sum = 0;
            for (var b = 0; b < Parameters.TrendBins; b++)
            {
                sum += _counts[FirstBin + b][at];
            }

            if (sum != period[at])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Per cell, how many reports that weigh something it holds, whenever they are dated.</summary>
    internal int[] Counted()
    {
        var counts = _counts[History];
        var counted = new int[counts.Length / Gradings];
        for (var cell = 0; cell < counted.Length; cell++)
        {
            for (var g = 0; g < Gradings; g++)
            {
                counted[cell] += counts[(cell * Gradings) + g];
            }
        }

        return counted;
    }

    /// <summary>Σw and Σw² over the trend bins' reports.</summary>
    internal (double Sum, double SumOfSquares) BinWeights()
    {
        var (sum, sumOfSquares) = (0.0, 0.0);
        for (var b = 0; b < Parameters.TrendBins; b++)
        {
            for (var g = 0; g < Gradings; g++)
            {
                sum += _totals[FirstBin + b][g] * GradingWeights[g];
                sumOfSquares += _totals[FirstBin + b][g] * GradingWeights[g] * GradingWeights[g];
            }
        }

        return (sum, sumOfSquares);
    }

    /// <summary>
    /// Takes the report at <paramref name="position"/> out as <paramref name="before"/> counted as of <paramref name="from"/>
    /// (null: it was not there), and puts it in as <paramref name="after"/> as of <paramref name="to"/>. False when that
    /// would change the study cells: a used report beyond the bounds they were drawn from, or one on those bounds no
    /// longer used there.
    /// </summary>
    private bool Replace(int position, HotspotReport? before, DateTimeOffset from, HotspotReport after, DateTimeOffset to)
    {
        var wasUsed = before is { } old && old.OccurredAt <= from;
        var isUsed = after.OccurredAt <= to;
        if (before != after || wasUsed != isUsed)
        {
            _moved.Add(position);
        }

        if (isUsed && !_bounds.Contains(after.Point))
        {
            return false;
        }

        if (wasUsed)
        {
            var point = before!.Value.Point;
            var onBounds = point.X == _bounds.MinX || point.X == _bounds.MaxX || point.Y == _bounds.MinY || point.Y == _bounds.MaxY;
            if (onBounds && !(isUsed && after.Point == point))
            {
                return false;
            }

            Add(before.Value, _cellOf[position], from, -1);
            UsedCount--;
        }

        _cellOf[position] = -1;
        if (isUsed)
        {
            var cell = Study!.PositionOf(Study.Grid.CellOf(after.Point));
            _cellOf[position] = cell;
            Add(after, cell, to, 1);
            UsedCount++;
        }

        return true;
    }

    /// <summary>Adds <paramref name="sign"/> (1 or -1) to the counts the report makes in cell <paramref name="cell"/> as of <paramref name="asOf"/>.</summary>
    private void Add(HotspotReport report, int cell, DateTimeOffset asOf, int sign)
    {
        var (isUsed, recent, period, bin) = Contribution(report, asOf);
        var grading = GradingOf(report);
        if (!isUsed || grading < 0)
        {
            return;
        }

        var at = (cell * Gradings) + grading;
        Bump(History);
        if (recent)
        {
            Bump(Recent);
        }

        if (period)
        {
            Bump(Period);
        }

        if (bin >= 0)
        {
            Bump(FirstBin + bin);
        }

        void Bump(int window)
        {
            _counts[window][at] += sign;
            _totals[window][grading] += sign;
        }
    }

    /// <summary>The grading's index, or -1 for a grading that weighs nothing (assessment E).</summary>
    private static int GradingOf(HotspotReport report) =>
        report.IntelligenceAssessment == IntelligenceAssessment.SuspectedFalse ? -1 : ((int)report.SourceEvaluation * 4) + (int)report.IntelligenceAssessment;

    /// <summary>
    /// How a report counts as of <paramref name="asOf"/>: whether it is used at all (dated on or before), whether it is in
    /// the last half-life and in the trend period, and its trend bin (-1 for none), exactly as the pipeline dates them.
    /// </summary>
    private (bool Used, bool Recent, bool Period, int Bin) Contribution(HotspotReport report, DateTimeOffset asOf)
    {
        if (report.OccurredAt > asOf)
        {
            return (false, false, false, -1);
        }

        var recent = report.OccurredAt >= asOf - TimeSpan.FromDays(Parameters.HalfLifeDays);
        var period = report.OccurredAt >= asOf - TimeSpan.FromDays((double)Parameters.TrendBins * Parameters.TrendBinDays);
        var binLength = TimeSpan.FromDays(Parameters.TrendBinDays);
        var start = asOf - (binLength * Parameters.TrendBins);
        // Bins are [start, end), but the last one ends at asOf and takes a report dated exactly then.
        var bin = Math.Min((int)Math.Floor((report.OccurredAt - start) / binLength), Parameters.TrendBins - 1);
        return (true, recent, period, bin >= 0 ? bin : -1);
    }

    /// <summary>
    /// The positions of reports whose way of counting may differ between <paramref name="from"/> and <paramref name="to"/>:
    /// dated between the two dates less any window's or bin's offset from the run's date (both ends included), and every
    /// report whose date is not in the sorted index.
    /// </summary>
    private IEnumerable<int> Crossing(DateTimeOffset from, DateTimeOffset to)
    {
        var binLength = TimeSpan.FromDays(Parameters.TrendBinDays);
        var offsets = new List<TimeSpan> { TimeSpan.Zero, TimeSpan.FromDays(Parameters.HalfLifeDays),
            TimeSpan.FromDays((double)Parameters.TrendBins * Parameters.TrendBinDays) };
        offsets.AddRange(Enumerable.Range(0, Parameters.TrendBins).Select(k => (binLength * Parameters.TrendBins) - (binLength * k)));
        var seen = new HashSet<int>();
        foreach (var offset in offsets.Distinct())
        {
            var (low, high) = ((from - offset).UtcTicks, (to - offset).UtcTicks);
            if (low > high)
            {
                (low, high) = (high, low);
            }

            // Margins of a tick either side: the windows compare dates, the bins divide by a length.
            low--;
            high++;
            var at = Array.BinarySearch(_sortedTicks, low);
            at = at < 0 ? ~at : at;
            while (at > 0 && _sortedTicks[at - 1] >= low)
            {
                at--;
            }

            for (; at < _sortedTicks.Length && _sortedTicks[at] <= high; at++)
            {
                var position = _sortedPositions[at];
                if (!_unsorted.Contains(position) && seen.Add(position))
                {
                    yield return position;
                }
            }
        }

        foreach (var position in _unsorted)
        {
            if (seen.Add(position))
            {
                yield return position;
            }
        }
    }
}
