using System.Text.Json.Serialization;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Data;

/// <summary>Where a meeting pack's job has got to.</summary>
public enum MeetingPackStatus
{
    /// <summary>Asked for; its job has not started.</summary>
    [JsonStringEnumMemberName("queued")] Queued,

    /// <summary>Its job is building it.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Built: its files can be downloaded.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>Its job failed; <see cref="MeetingPack.Failure"/> says why.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>What a meeting pack is: the tasking group's pack for a rectangle, or the board's problem profile for a set of areas.</summary>
public enum MeetingPackKind
{
    /// <summary>The tasking meeting pack of an area (a rectangle) and period (issue 16 §1).</summary>
    [JsonStringEnumMemberName("tasking")] Tasking,

    /// <summary>The board's problem profile of a set of imported areas and a period (issue 16 §2).</summary>
    [JsonStringEnumMemberName("problem_profile")] ProblemProfile,
}

/// <summary>
/// A tasking meeting pack for an area and a period, as its maker asked for it: built by a job under the maker's own
/// access (agency, role, user), so it holds only what the maker may see, and stamped with the highest marking of its
/// content. Its files are <see cref="MeetingPackFile"/>s.
/// </summary>
public sealed class MeetingPack
{
    public Guid Id { get; set; }

    public MeetingPackKind Kind { get; set; }

    /// <summary>A problem profile's areas (<see cref="Area"/> is then their extent); null for a tasking pack.</summary>
    public List<Guid>? AreaIds { get; set; }

    /// <summary>When a supervisor reviews whether the pack is still needed (the review worklist); a year after it was asked for unless retained.</summary>
    public DateOnly ReviewOn { get; set; }

    /// <summary>The maker's agency.</summary>
    public Guid AgencyId { get; set; }

    /// <summary>The maker's user id (the token's <c>sub</c>).</summary>
    public required string MadeBy { get; set; }

    /// <summary>The maker's role code: the pack is read only in that role, which sees the same rows.</summary>
    public required string MadeByRole { get; set; }

    public required string Title { get; set; }

    /// <summary>The area, a WGS84 rectangle (SRID 4326, longitude first).</summary>
    public required Polygon Area { get; set; }

    /// <summary>Start of the period (inclusive, UTC): the last meeting.</summary>
    public DateTimeOffset PeriodFrom { get; set; }

    /// <summary>End of the period (exclusive, UTC).</summary>
    public DateTimeOffset PeriodTo { get; set; }

    public MeetingPackStatus Status { get; set; }

    /// <summary>How far the job has got, 0 to 100.</summary>
    public int ProgressPercent { get; set; }

    /// <summary>The highest marking of its content, once built.</summary>
    public SecurityMarking? SecurityMarking { get; set; }

    /// <summary>The handling conditions of its content, joined; null when none applies.</summary>
    public string? HandlingConditions { get; set; }

    /// <summary>Why the job failed.</summary>
    public string? Failure { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>One file of a built meeting pack: pack.pdf, pack.html or a table's CSV.</summary>
public sealed class MeetingPackFile
{
    public Guid PackId { get; set; }

    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }
}
