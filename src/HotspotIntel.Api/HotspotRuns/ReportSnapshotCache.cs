namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The reports the last run on this server read, kept so that an incremental run reads only what changed since
/// (<see cref="ReportSnapshot.LoadChangesAsync"/>): at regional scale that is most of an incremental run's reading.
/// Per process; a server without one, or whose copy cannot be brought up to date, reads every report.
/// </summary>
public sealed class ReportSnapshotCache
{
    private ReportSnapshot? _latest;

    public ReportSnapshot? Latest
    {
        get => Volatile.Read(ref _latest);
        set => Volatile.Write(ref _latest, value);
    }
}
