using HotspotIntel.Api.Errors;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace HotspotIntel.Api.Input;

/// <summary>Validates a geometry from a request and brings it into WGS84 (SRID 4326) for storage.</summary>
public static class GeometryInput
{
    /// <summary>
    /// The geometry in SRID 4326, or null with the reason in <paramref name="errors"/>: a type not in <paramref name="allowed"/>,
    /// an empty, non-finite or invalid (e.g. self-intersecting) geometry, or one outside the partnership's region.
    /// </summary>
    public static Geometry? ToStored(Geometry geometry, CoordinateSystem coordinateSystem, RegionBounds region, string field,
        ValidationErrors errors, params OgcGeometryType[] allowed)
    {
        if (!allowed.Contains(geometry.OgcGeometryType))
        {
            errors.Add(field, $"Must be a {string.Join(" or ", allowed)}, not a {geometry.OgcGeometryType}.");
            return null;
        }

        if (geometry.IsEmpty || geometry.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y)))
        {
            errors.Add(field, "Must have finite coordinates.");
            return null;
        }

        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is not null)
        {
            errors.Add(field, $"Not a valid geometry: {validity.Message} at ({validity.Coordinate.X}, {validity.Coordinate.Y}).");
            return null;
        }

        var stored = coordinateSystem == CoordinateSystem.BritishNationalGrid ? BritishNationalGrid.ToWgs84(geometry) : geometry.Copy();
        stored.SRID = 4326;
        if (!region.Contains(stored))
        {
            errors.Add(field, $"Lies outside the partnership's region ({region}, longitude first)"
                + (coordinateSystem == CoordinateSystem.Wgs84 ? "; were longitude and latitude swapped, or is it EPSG:27700?" : "."));
            return null;
        }

        return stored;
    }
}
