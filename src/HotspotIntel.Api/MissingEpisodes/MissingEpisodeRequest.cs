using HotspotIntel.Api.Records;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.MissingEpisodes;

/// <summary>A period in which a child was missing, to record, or the new state of one.</summary>
public sealed record MissingEpisodeRequest : RestrictedRecordRequest
{
    /// <summary>The child: a person whose role is child_at_risk.</summary>
    public required Guid PersonId { get; init; }

    /// <summary>When the child was reported missing (ISO 8601 with offset); not in the future.</summary>
    /// <example>2026-10-14T21:30:00+01:00</example>
    public required DateTimeOffset MissingFrom { get; init; }

    /// <summary>When the child returned or was found; absent while still missing. Not before <c>missingFrom</c>.</summary>
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Where the child was found, when known: a GeoJSON Point.</summary>
    public Geometry? FoundLocation { get; init; }

    /// <summary>The coordinate system of <c>foundLocation</c>: EPSG:4326 (default) or EPSG:27700.</summary>
    /// <example>EPSG:4326</example>
    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;

    /// <summary>Whether the child went missing from local authority care.</summary>
    public bool FromCare { get; init; }

    /// <summary>What the return-home interview or the finding officer learned, at most 5000 characters.</summary>
    public string? Notes { get; init; }

    /// <summary>When the child was offered a return-home interview; not before <c>returnedAt</c>, not in the future.</summary>
    /// <example>2026-10-16T10:00:00+01:00</example>
    public DateTimeOffset? ReturnInterviewOfferedAt { get; init; }

    /// <summary>When the return-home interview was done; not before <c>returnedAt</c> or the offer, not in the future.</summary>
    public DateTimeOffset? ReturnInterviewDoneAt { get; init; }

    /// <summary>The child declined the interview offered (then it has no <c>returnInterviewDoneAt</c>).</summary>
    public bool ReturnInterviewDeclined { get; init; }
}
