namespace HotspotIntel.Core.Agencies;

/// <summary>A partner organisation that records and reads intelligence: a police force, a council, a health trust.</summary>
public sealed class Agency
{
    /// <summary>Identity.</summary>
    public Guid Id { get; set; }

    /// <summary>Short unique code, e.g. <c>WMP</c> or <c>NCC</c>.</summary>
    public required string Code { get; set; }

    /// <summary>Full name.</summary>
    public required string Name { get; set; }

    /// <summary>What kind of organisation it is.</summary>
    public AgencyKind Kind { get; set; }
}
