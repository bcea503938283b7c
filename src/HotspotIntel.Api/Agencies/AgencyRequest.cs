using HotspotIntel.Core.Agencies;

namespace HotspotIntel.Api.Agencies;

/// <summary>A partner agency to add, or its new details.</summary>
public sealed record AgencyRequest
{
    /// <summary>Short unique code: 2 to 16 capital letters, digits or hyphens.</summary>
    /// <example>NCC</example>
    public required string Code { get; init; }

    /// <summary>Full name.</summary>
    /// <example>Northbrook City Council</example>
    public required string Name { get; init; }

    /// <summary>Kind of organisation.</summary>
    /// <example>council</example>
    public required AgencyKind Kind { get; init; }
}

/// <summary>A partner agency.</summary>
public sealed record AgencyView(Guid Id, string Code, string Name, AgencyKind Kind)
{
    public static AgencyView Of(Agency agency) => new(agency.Id, agency.Code, agency.Name, agency.Kind);
}
