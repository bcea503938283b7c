using HotspotIntel.Api.Agencies;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Reviews;

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
app.MapHotspotsApi();
app.MapHotspotRunsApi();

app.Run();

/// <summary>The API's entry point; public so integration tests can host it.</summary>
public partial class Program;
