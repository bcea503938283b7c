using HotspotIntel.Core.Spatial;

namespace HotspotIntel.Api.Client;

/// <summary>
/// What the map client needs before it draws: the basemap style URL, or else the PMTiles basemap's URL (both null: the
/// offline style), and the region box.
/// </summary>
public sealed record ClientConfig(string? BasemapStyleUrl, RegionBounds Region, string? BasemapPmtilesUrl);
