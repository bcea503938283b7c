namespace HotspotIntel.Api.Network;

/// <summary>One end of a link as <c>network_link_ends</c> shows it (migration 0073): read from <see cref="EntityId"/> towards <see cref="OtherId"/>.</summary>
public sealed record LinkEnd(
    Guid EntityId,
    Guid LinkId,
    string EntityKind,
    Guid OtherId,
    string OtherKind,
    string Derivation,
    string LinkType,
    Guid AgencyId,
    Guid PairedAgencyId,
    string SecurityMarking,
    string? SourceEvaluation,
    string? IntelligenceAssessment,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    int? EvidenceCount)
{
    /// <summary>The grading as analysts write it (<c>2B</c>), or null when the link is ungraded.</summary>
    public string? Grading => SourceEvaluation is null ? null : SourceEvaluation + IntelligenceAssessment;
}

/// <summary>
/// A link end as an instance's copy of the network holds it, to be checked against <c>network_link_ends</c>: its key (the entity
/// holding it, the link's id) and what the copy says of it (the entity at its other end, its security marking, and whether
/// it is an end of a derived link, which <c>derived_links</c> holds, or of a recorded one, which <c>link_ends</c> holds).
/// </summary>
public readonly record struct LinkEndKey(Guid Holder, Guid LinkId, Guid Other, string SecurityMarking, bool Derived);

/// <summary>An entity of a network as the reader may see it (<c>network_entities</c>); a place's point in WGS84.</summary>
public sealed record NetworkEntity(
    Guid Id,
    string Kind,
    string Label,
    string? Detail,
    Guid AgencyId,
    string HandlingCode,
    string SecurityMarking,
    DateOnly? DateOfBirth,
    double? Longitude,
    double? Latitude);
