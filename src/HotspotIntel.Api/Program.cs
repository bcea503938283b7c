using HotspotIntel.Api.Agencies;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Client;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Reviews;
using HotspotIntel.Api.Tiles;

if (await CommandLine.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHotspotIntel();

var app = builder.Build();
app.UseHotspotIntel();
app.MapAgenciesApi();
app.MapSharingAgreementsApi();
app.MapReportsApi();
app.MapAuditApi();
app.MapReviewsApi();
app.MapTilesApi();
app.MapClientApi();

app.Run();

/// <summary>The API's entry point; public so integration tests can host it.</summary>
public partial class Program;
