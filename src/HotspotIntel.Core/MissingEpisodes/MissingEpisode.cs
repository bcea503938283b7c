using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.MissingEpisodes;

/// <summary>A period in which a child was missing from home or care, and where they were found.</summary>
public sealed class MissingEpisode : RecordRestrictions
{
    /// <summary>The child (a person whose role is child at risk).</summary>
    public Guid PersonId { get; set; }

    /// <summary>When the child was reported missing.</summary>
    public DateTimeOffset MissingFrom { get; set; }

    /// <summary>When the child returned or was found; null while still missing.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    /// <summary>Where the child was found, a point in WGS84 (SRID 4326), when known.</summary>
    public Point? FoundLocation { get; set; }

    /// <summary>Whether the child went missing from local authority care.</summary>
    public bool FromCare { get; set; }

    /// <summary>What the return-home interview or the finding officer learned.</summary>
    public string? Notes { get; set; }

    /// <summary>When the child was offered a return-home interview; never before the return.</summary>
    public DateTimeOffset? ReturnInterviewOfferedAt { get; set; }

    /// <summary>When the return-home interview took place; never before the return or the offer.</summary>
    public DateTimeOffset? ReturnInterviewDoneAt { get; set; }

    /// <summary>Whether the child declined the interview offered (and so it was not done).</summary>
    public bool ReturnInterviewDeclined { get; set; }
}
