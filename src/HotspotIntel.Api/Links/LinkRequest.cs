using HotspotIntel.Api.Records;
using HotspotIntel.Core.Links;

namespace HotspotIntel.Api.Links;

/// <summary>One end of a link: which kind of entity, and which one.</summary>
/// <param name="Kind">person, premises, vehicle, location, phone_number or online_identifier.</param>
/// <param name="Id">The entity's id.</param>
public sealed record EntityReference(EntityKind Kind, Guid Id);

/// <summary>A link to record between two entities, or the new state of one.</summary>
public sealed record LinkRequest : RestrictedRecordRequest
{
    /// <summary>One end. Linkable pairs: person–person, person–premises, person–vehicle, person–location, premises–vehicle, person–phone_number, person–online_identifier, premises–phone_number, in either order.</summary>
    public required EntityReference From { get; init; }

    /// <summary>The other end.</summary>
    public required EntityReference To { get; init; }

    /// <summary>The nature of the relationship.</summary>
    /// <example>frequents</example>
    public required LinkType LinkType { get; init; }

    /// <summary>The first day the relationship is known to hold.</summary>
    public DateOnly? StartsOn { get; init; }

    /// <summary>The last day it is known to hold; absent while current. Not before <c>startsOn</c>.</summary>
    public DateOnly? EndsOn { get; init; }

    /// <summary>Why the link is believed, at most 5000 characters.</summary>
    public string? Notes { get; init; }

    /// <summary>The reports the link comes from (its provenance).</summary>
    public IReadOnlyList<Guid> SourceReportIds { get; init; } = [];
}
