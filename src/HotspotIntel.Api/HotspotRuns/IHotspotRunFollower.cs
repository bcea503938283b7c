namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Something that follows hotspot runs, registered in DI by the feature it belongs to (the tiles recount their report
/// density): the hotspot job raises each success without knowing who follows it.
/// </summary>
public interface IHotspotRunFollower
{
    /// <summary>Called after the run <paramref name="runId"/> committed and its hotspots became current.</summary>
    Task RunSucceededAsync(Guid runId, CancellationToken cancellationToken);
}
