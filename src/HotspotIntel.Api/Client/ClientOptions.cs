namespace HotspotIntel.Api.Client;

/// <summary>Where the built map client lives and what it is told at start-up (configuration section <c>Client</c>).</summary>
public sealed class ClientOptions
{
    public const string Section = "Client";

    /// <summary>
    /// The folder holding the built client (<c>npm run build</c> writes <c>map-client/dist</c>), absolute or relative
    /// to the API's content root. When it does not exist the API serves no client.
    /// </summary>
    public string Path { get; set; } = "../../map-client/dist";

    /// <summary>
    /// A MapLibre style URL for the basemap. Null (the default) keeps the client on its offline style, so the browser
    /// requests nothing outside this origin.
    /// </summary>
    public string? BasemapStyleUrl { get; set; }

    /// <summary>
    /// A PMTiles basemap file (e.g. an Ordnance Survey open data extract converted with the pmtiles tool), absolute or
    /// relative to the API's content root. When set and present, the API serves it to signed-in users at
    /// <see cref="BasemapPmtilesUrl"/> with HTTP range requests and the client draws it instead of the offline style.
    /// </summary>
    public string? BasemapPmtilesPath { get; set; }

    public const string BasemapPmtilesUrl = "/basemap/basemap.pmtiles";
}
