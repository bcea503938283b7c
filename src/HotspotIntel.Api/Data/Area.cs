using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Data;

/// <summary>What an imported area is: a ward, or the council area that wards belong to.</summary>
public enum AreaKind
{
    /// <summary>An electoral ward (or division).</summary>
    [JsonStringEnumMemberName("ward")] Ward,

    /// <summary>A council's (local authority's) area.</summary>
    [JsonStringEnumMemberName("council_area")] CouncilArea,
}

/// <summary>
/// A named area the partnership imports (a ward or a council area) for the board's problem profile: its boundary in
/// WGS84 (SRID 4326, longitude first) and, where loaded, how many children live there, the year of that figure and its
/// source, from which rates per 10,000 children follow. Public reference data: every signed-in user reads it.
/// </summary>
public sealed class Area
{
    public Guid Id { get; set; }

    /// <summary>The area's code as the partnership's data names it (e.g. an ONS code, E05011151), unique: a re-import with the same code replaces the area.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AreaKind Kind { get; set; }

    /// <summary>The area it lies in (a ward's council area), if any.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The boundary, a valid MultiPolygon (SRID 4326).</summary>
    public required MultiPolygon Geom { get; set; }

    /// <summary>Children (under 18) living in the area, when the partnership loaded a figure.</summary>
    public int? ChildPopulation { get; set; }

    /// <summary>The year the population figure is for.</summary>
    public int? PopulationYear { get; set; }

    /// <summary>Where the figure comes from, e.g. "ONS mid-2023 ward estimates".</summary>
    public string? PopulationSource { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The user who imported it last.</summary>
    public required string ImportedBy { get; set; }
}
