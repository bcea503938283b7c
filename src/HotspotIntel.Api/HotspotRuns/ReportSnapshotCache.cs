using HotspotIntel.Analysis;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The reports the last run on this server read (and the members the last run of the published line left open), kept so that an incremental run reads only what changed since
/// (<see cref="ReportSnapshot.LoadChangesAsync"/>): at regional scale that is most of an incremental run's reading.
/// Per process; a server without one, or whose copy cannot be brought up to date, reads every report.
/// </summary>
public sealed class ReportSnapshotCache
{
    private Kept? _latest;

    private HotspotMemberSpans.OpenMembers? _lineMembers;

    private IReadOnlyDictionary<Guid, HotspotRunWriter.KnownArea>? _areas;

    /// <summary>The latest snapshot kept, with the run that read it and its counts, read together.</summary>
    public Kept? Latest => Volatile.Read(ref _latest);

    /// <summary>Keeps <paramref name="snapshot"/>, which the run <paramref name="runId"/> read, and the counts it made of it, if any, for the next run.</summary>
    public void Keep(Guid runId, ReportSnapshot snapshot, LocalExcessCounts? counts) =>
        Volatile.Write(ref _latest, new Kept(runId, snapshot, counts?.ReportCount == snapshot.Reports.Count ? counts : null));

    /// <summary>
    /// The open member rows after the last run of the published line this server wrote, so that the next one need not
    /// read them back (<see cref="HotspotMemberSpans"/>); used only while that run is still the line's latest.
    /// </summary>
    internal HotspotMemberSpans.OpenMembers? LineMembers
    {
        get => Volatile.Read(ref _lineMembers);
        set => Volatile.Write(ref _lineMembers, value);
    }

    /// <summary>The areas of the last run's hotspots, by id, that a later run takes for a hotspot with the same cells (<see cref="HotspotRunWriter.KnownArea"/>).</summary>
    internal IReadOnlyDictionary<Guid, HotspotRunWriter.KnownArea>? Areas
    {
        get => Volatile.Read(ref _areas);
        set => Volatile.Write(ref _areas, value);
    }

    /// <summary>
    /// A snapshot that the run <paramref name="RunId"/> read, and its reports counted for a local excess run
    /// (<see cref="LocalExcessCounts"/>), which the next run brings forward by what changed; null when that run counted none.
    /// </summary>
    public sealed record Kept(Guid RunId, ReportSnapshot Snapshot, LocalExcessCounts? Counts);
}
