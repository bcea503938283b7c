using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Reviews;
using HotspotIntel.Api.Tiles;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Hangfire on PostgreSQL (schema <c>hangfire</c> of the project database). Every API instance can run the server
/// (<c>Hangfire:ServerEnabled</c>), so a worker is the same binary with a different configuration; recurring jobs are
/// registered here and only here. Jobs are few and coarse: Hangfire.PostgreSql slows down with very large queues.
/// </summary>
internal static class HangfireSetup
{
    public static void AddHotspotIntelJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseSetup.ConnectionName)!;
        // A job whose server died is fetched again once it has been invisible this long; while a job runs, its server's
        // heartbeat keeps pushing the time on (sliding), so a long hotspot run is never fetched twice.
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Hangfire:InvisibilityTimeoutSeconds", 300)),
            UseSlidingInvisibilityTimeout = true,
        };
        // Hangfire keeps its storage and log provider in process-wide statics. Each host registers its own storage
        // instead (the client, server and dashboard take it from DI), and logs through its own logger factory in a way
        // that outlives it, so several hosts in one process (the API tests) never use another's database or a
        // stopped host's logging.
        builder.Services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        builder.Services.AddHangfire((services, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireHostLogging(services.GetRequiredService<ILoggerFactory>())));
        if (builder.Configuration.GetValue("Hangfire:ServerEnabled", true))
        {
            builder.Services.AddHangfireServer(server => server.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", 2));
        }

        builder.Services.AddScoped<ListRecordsDueForReviewJob>();
        builder.Services.AddScoped<SealAuditLogJob>();
        builder.Services.AddScoped<RunHotspotAnalysisJob>();
        builder.Services.AddScoped<StartFullHotspotRunJob>();
        builder.Services.AddScoped<StartFirstHotspotRunJob>();
        builder.Services.AddScoped<FailAbandonedHotspotRunsJob>();
        builder.Services.AddSingleton<ReportSnapshotCache>();
        builder.Services.AddScoped<DeriveLinksJob>();
        builder.Services.AddScoped<PruneNetworkChangesJob>();
        builder.Services.AddScoped<IncrementalHotspotRuns>();
        builder.Services.AddScoped<FoldReportDensityChangesJob>();
        // Flow runs one way: records raise changes that hotspot runs follow (the tiles' counts follow the reports in the database).
        builder.Services.AddScoped<IRecordChangeFollower, ReportChangesStartIncrementalRuns>();
    }

    public static void UseHotspotIntelJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
        if (!app.Configuration.GetValue("Hangfire:ServerEnabled", true))
        {
            return;
        }

        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<ListRecordsDueForReviewJob>(ListRecordsDueForReviewJob.Id, job => job.RunAsync(CancellationToken.None),
            app.Configuration["Hangfire:ReviewListingCron"] ?? Cron.Daily(5));
        jobs.AddOrUpdate<SealAuditLogJob>(SealAuditLogJob.Id, job => job.RunAsync(CancellationToken.None),
            app.Services.GetRequiredService<IOptions<AuditSealingOptions>>().Value.SealingCron);
        var hotspots = app.Services.GetRequiredService<IOptions<HotspotOptions>>().Value;
        jobs.AddOrUpdate<StartFullHotspotRunJob>(StartFullHotspotRunJob.Id, job => job.RunAsync(CancellationToken.None), hotspots.FullRunCron);
        jobs.AddOrUpdate<FailAbandonedHotspotRunsJob>(FailAbandonedHotspotRunsJob.Id, job => job.RunAsync(CancellationToken.None), hotspots.AbandonedRunSweepCron);
        jobs.AddOrUpdate<FoldReportDensityChangesJob>(FoldReportDensityChangesJob.Id, job => job.RunAsync(CancellationToken.None),
            app.Configuration["Tiles:FoldCron"] ?? Cron.Minutely());
        var derivedLinks = app.Services.GetRequiredService<IOptions<DerivedLinkOptions>>().Value;
        jobs.AddOrUpdate<DeriveLinksJob>(DeriveLinksJob.IncrementalId, job => job.RunAsync(CancellationToken.None), derivedLinks.IncrementalCron);
        jobs.AddOrUpdate<DeriveLinksJob>(DeriveLinksJob.FullPassId, job => job.RunFullAsync(CancellationToken.None), derivedLinks.FullPassCron);
        jobs.AddOrUpdate<PruneNetworkChangesJob>(PruneNetworkChangesJob.Id, job => job.RunAsync(CancellationToken.None),
            app.Configuration["Network:ChangesPruneCron"] ?? Cron.Daily(4));
        var client = app.Services.GetRequiredService<IBackgroundJobClient>();
        if (hotspots.FullRunWhenNoneSucceeded)
        {
            client.Enqueue<StartFirstHotspotRunJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    /// <summary>The dashboard shows job arguments and can trigger jobs: administrators only.</summary>
    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.FindFirst(HotspotIntelClaims.Role)?.Value == EnumCodes<UserRole>.ToCode(UserRole.Administrator);
    }
}
