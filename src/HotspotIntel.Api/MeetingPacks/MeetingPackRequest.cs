namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// What a pack covers: a tasking meeting pack, an area and a period (from the last meeting to this one); the board's
/// problem profile, a set of imported areas (wards, council areas) and a period.
/// </summary>
public sealed record MeetingPackRequest
{
    /// <summary>tasking (default): the tasking meeting pack of bbox; problem_profile: the board's profile of areaIds.</summary>
    /// <example>tasking</example>
    public Data.MeetingPackKind? Kind { get; init; }

    /// <summary>A problem profile's areas (GET /api/areas), 1 to 500.</summary>
    public IReadOnlyList<Guid>? AreaIds { get; init; }

    /// <summary>A tasking pack's area: minLon,minLat,maxLon,maxLat in WGS84 degrees, at most 0.5 degrees each way.</summary>
    /// <example>-1.93,52.47,-1.87,52.50</example>
    public string? Bbox { get; init; }

    /// <summary>The period's start, usually the last meeting (ISO 8601): "changed since" compares with the run published last before it; a profile's period covers at most two years.</summary>
    /// <example>2026-11-05T09:00:00Z</example>
    public DateTimeOffset? From { get; init; }

    /// <summary>The period's end, not after now (ISO 8601).</summary>
    /// <example>2026-12-03T09:00:00Z</example>
    public DateTimeOffset? To { get; init; }

    /// <summary>The pack's title, 1 to 200 characters (default: "Tasking meeting pack" and the period).</summary>
    /// <example>Northfield tasking, 3 December</example>
    public string? Title { get; init; }
}

/// <summary>A meeting pack as listed: who made it, when, for what area and period, and how far its job has got.</summary>
/// <param name="Id">The pack's id.</param>
/// <param name="Kind">tasking or problem_profile.</param>
/// <param name="AreaIds">A problem profile's areas; null for a tasking pack.</param>
/// <param name="Title">Its title.</param>
/// <param name="Bbox">Its area (a profile's: its areas' extent): minLon, minLat, maxLon, maxLat (WGS84).</param>
/// <param name="From">The period's start.</param>
/// <param name="To">The period's end.</param>
/// <param name="MadeBy">The user who asked for it; it holds only what that user may see.</param>
/// <param name="MadeByRole">That user's role: the pack is listed to users of the same agency in that role.</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="Status">queued, running, succeeded or failed.</param>
/// <param name="ProgressPercent">How far its job has got, 0 to 100.</param>
/// <param name="SecurityMarking">The highest marking of its content, once built.</param>
/// <param name="HandlingConditions">The handling conditions of its content; null when none.</param>
/// <param name="FinishedAt">When its job finished.</param>
/// <param name="Failure">Why it failed.</param>
/// <param name="Files">What can be downloaded: pack.pdf, pack.html and a CSV per table, once built.</param>
/// <param name="ReviewOn">When a supervisor reviews whether it is still needed (the review worklist, kind meeting-packs).</param>
public sealed record MeetingPackView(
    Guid Id,
    Data.MeetingPackKind Kind,
    IReadOnlyList<Guid>? AreaIds,
    string Title,
    double[] Bbox,
    DateTimeOffset From,
    DateTimeOffset To,
    string MadeBy,
    string MadeByRole,
    DateTimeOffset RequestedAt,
    Data.MeetingPackStatus Status,
    int ProgressPercent,
    Core.Records.SecurityMarking? SecurityMarking,
    string? HandlingConditions,
    DateTimeOffset? FinishedAt,
    string? Failure,
    IReadOnlyList<string> Files,
    DateOnly ReviewOn)
{
    public static MeetingPackView Of(Data.MeetingPack pack, IReadOnlyList<string> files)
    {
        var box = pack.Area.EnvelopeInternal;
        return new(pack.Id, pack.Kind, pack.AreaIds, pack.Title, [box.MinX, box.MinY, box.MaxX, box.MaxY], pack.PeriodFrom, pack.PeriodTo, pack.MadeBy, pack.MadeByRole,
            pack.RequestedAt, pack.Status, pack.ProgressPercent, pack.SecurityMarking, pack.HandlingConditions, pack.FinishedAt, pack.Failure, files, pack.ReviewOn);
    }
}
