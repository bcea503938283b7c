using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Spatial;

/// <summary>The coordinate reference systems inputs may use; everything is stored in WGS84.</summary>
public enum CoordinateSystem
{
    /// <summary>WGS84 longitude/latitude in degrees, longitude first (EPSG:4326).</summary>
    [JsonStringEnumMemberName("EPSG:4326")] Wgs84 = 4326,

    /// <summary>Ordnance Survey British National Grid easting/northing in metres (EPSG:27700).</summary>
    [JsonStringEnumMemberName("EPSG:27700")] BritishNationalGrid = 27700,
}

/// <summary>Reads the names GIS tools give the coordinate systems inputs may use.</summary>
public static class CoordinateSystemNames
{
    /// <summary>
    /// The system a GeoJSON <c>crs</c> member names (the 2008 GeoJSON form that GDAL/ogr2ogr and QGIS still write for
    /// anything but WGS84, e.g. <c>urn:ogc:def:crs:EPSG::27700</c>), an OGC URI or an <c>EPSG:</c> code; null for any
    /// other. WGS84 names are read longitude first, as every GeoJSON writer writes them.
    /// </summary>
    public static CoordinateSystem? FromCrsName(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "EPSG:27700" or "URN:OGC:DEF:CRS:EPSG::27700" or "URN:OGC:DEF:CRS:EPSG:6.3:27700" or "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/27700"
            => CoordinateSystem.BritishNationalGrid,
        "EPSG:4326" or "URN:OGC:DEF:CRS:EPSG::4326" or "URN:OGC:DEF:CRS:OGC:1.3:CRS84" or "URN:OGC:DEF:CRS:OGC::CRS84" or "CRS84" or "OGC:CRS84"
            or "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84" or "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4326" => CoordinateSystem.Wgs84,
        _ => null,
    };
}
