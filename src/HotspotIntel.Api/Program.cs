using HotspotIntel.Api.Agencies;
using HotspotIntel.Api.Areas;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Basemap;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.EntityResolution;
using HotspotIntel.Api.Exports;
using HotspotIntel.Api.Client;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Imports;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Links;
using HotspotIntel.Api.Locations;
using HotspotIntel.Api.MeetingPacks;
using HotspotIntel.Api.MissingEpisodes;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.OgcFeatures;
using HotspotIntel.Api.OnlineIdentifiers;
using HotspotIntel.Api.Panels;
using HotspotIntel.Api.Persons;
using HotspotIntel.Api.PhoneNumbers;
using HotspotIntel.Api.Premises;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Reviews;
using HotspotIntel.Api.Tiles;
using HotspotIntel.Api.Vehicles;

if (await CommandLine.RunAsync(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHotspotIntel();

var app = builder.Build();
app.UseHotspotIntel();
if (!app.ServesApi())
{
    // A worker: background jobs, health and readiness only (Hosting:ServeApi=false).
    app.Run();
    return 0;
}

app.MapAgenciesApi();
app.MapSharingAgreementsApi();
app.MapReportsApi();
app.MapRiskIndicatorsApi();
app.MapImportsApi();
app.MapPersonsApi();
app.MapPremisesApi();
app.MapLocationsApi();
app.MapVehiclesApi();
app.MapPhoneNumbersApi();
app.MapOnlineIdentifiersApi();
app.MapEntityResolutionApi();
app.MapLinksApi();
app.MapMissingEpisodesApi();
app.MapDisruptionActionsApi();
app.MapActionImpactApi();
app.MapTacticsApi();
app.MapNetworkApi();
app.MapReportNamesApi();
app.MapAuditApi();
app.MapReviewsApi();
app.MapTilesApi();
app.MapClientApi();
app.MapBasemapApi();
app.MapHotspotsApi();
app.MapHotspotRunsApi();
app.MapOgcFeaturesApi();
app.MapExportsApi();
app.MapMeetingPacksApi();
app.MapPanelsApi();
app.MapAreasApi();

app.Run();
return 0;

/// <summary>The API's entry point; public so integration tests can host it.</summary>
public partial class Program;
