namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The reports the last run on this server read (and the members the last run of the published line left open), kept so that an incremental run reads only what changed since
/// (<see cref="ReportSnapshot.LoadChangesAsync"/>): at regional scale that is most of an incremental run's reading.
/// Per process; a server without one, or whose copy cannot be brought up to date, reads every report.
/// </summary>
public sealed class ReportSnapshotCache
{
    private ReportSnapshot? _latest;

    private HotspotMemberSpans.OpenMembers? _lineMembers;

    public ReportSnapshot? Latest
    {
        get => Volatile.Read(ref _latest);
        set => Volatile.Write(ref _latest, value);
    }

    /// <summary>
    /// The open member rows after the last run of the published line this server wrote, so that the next one need not
    /// read them back (<see cref="HotspotMemberSpans"/>); used only while that run is still the line's latest.
    /// </summary>
    internal HotspotMemberSpans.OpenMembers? LineMembers
    {
        get => Volatile.Read(ref _lineMembers);
        set => Volatile.Write(ref _lineMembers, value);
    }
}
