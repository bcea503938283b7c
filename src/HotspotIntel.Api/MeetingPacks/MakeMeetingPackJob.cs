using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// Builds a meeting pack as its maker: on the application's login (never the jobs' system login) with the maker's
/// user, agency and role as the session, so row-level security and masking give the pack exactly what the maker may
/// see. Reports its progress on the pack's row, and stores the PDF, the HTML and a CSV per table beside it. Not
/// registered in DI: Hangfire's ASP.NET Core activator builds it from the job's scope
/// (<c>ActivatorUtilities.GetServiceOrCreateInstance</c>), which keeps <c>Infrastructure</c> from depending on this feature.
/// </summary>
public sealed class MakeMeetingPackJob(NpgsqlDataSource dataSource, TimeProvider time, IOptions<PartnershipOptions> partnership,
    ILogger<MakeMeetingPackJob> logger)
{
    /// <summary>A failed pack stays failed until its maker retries it (POST /api/meeting-packs/{id}/retry): an automatic retry would build a second pack's worth of reads unasked.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid packId, string userId, Guid agencyId, string role, CancellationToken cancellationToken)
    {
        var session = new AccessSession(userId, agencyId, role);
        await using var db = new HotspotIntelDbContext(new DbContextOptionsBuilder<HotspotIntelDbContext>()
            .UseNpgsql(dataSource, npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AccessSessionInterceptor(() => session))
            .Options);
        // A pack reads a region's period in a few large queries: a request's timeout would fail it at regional scale.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var pack = await db.MeetingPacks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packId, cancellationToken);
        if (pack is null || pack.Status is MeetingPackStatus.Succeeded)
        {
            return;
        }

        try
        {
            var progress = new PackProgress(percent => ProgressAsync(db, packId, percent, cancellationToken), logger, packId);
            await ProgressAsync(db, packId, 5, cancellationToken);
            var content = pack.Kind == MeetingPackKind.ProblemProfile
                ? await ProblemProfileReader.ReadAsync(db, pack, time, progress, cancellationToken)
                : await MeetingPackReader.ReadAsync(db, pack, time, partnership.Value, progress, cancellationToken);
            var files = new List<MeetingPackFile>
            {
                new() { PackId = packId, Name = "pack.pdf", ContentType = "application/pdf", Content = MeetingPackPdf.Render(content) },
                new() { PackId = packId, Name = "pack.html", ContentType = "text/html; charset=utf-8", Content = MeetingPackHtml.Render(content) },
            };
            files.AddRange(content.Tables.Select(table => new MeetingPackFile
            {
                PackId = packId,
                Name = $"{table.Id}.csv",
                ContentType = "text/csv; charset=utf-8",
                Content = MeetingPackCsv.Render(table),
            }));
            await progress.DoneAsync("PDF, HTML and CSVs rendered", 95);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.MeetingPackFiles.Where(f => f.PackId == packId).ExecuteDeleteAsync(cancellationToken);
            db.MeetingPackFiles.AddRange(files);
            await db.SaveChangesAsync(cancellationToken);
            var (namedTables, namedIds) = PackNamedRecords.Of(content);
            var erased = await db.Database.SqlQuery<int>($"""SELECT record_meeting_pack_names({packId}, {namedTables}, {namedIds}) AS "Value" """)
                .SingleAsync(cancellationToken);
            if (erased > 0)
            {
                throw new InvalidOperationException($"{erased} record(s) the pack names were erased while it was built.");
            }

            await db.MeetingPacks.Where(p => p.Id == packId).ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, MeetingPackStatus.Succeeded)
                .SetProperty(p => p.ProgressPercent, 100)
                .SetProperty(p => p.SecurityMarking, content.Marking)
                .SetProperty(p => p.HandlingConditions, content.HandlingConditions)
                .SetProperty(p => p.FinishedAt, time.GetUtcNow()), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress.Done("stored");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Meeting pack {PackId} failed", packId);
            db.ChangeTracker.Clear();
            await db.MeetingPacks.Where(p => p.Id == packId).ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, MeetingPackStatus.Failed)
                .SetProperty(p => p.Failure, "The pack could not be built; retry it, and tell an administrator if it fails again.")
                .SetProperty(p => p.FinishedAt, time.GetUtcNow()), CancellationToken.None);
        }
    }

    private static Task ProgressAsync(HotspotIntelDbContext db, Guid packId, int percent, CancellationToken cancellationToken) =>
        db.MeetingPacks.Where(p => p.Id == packId).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.Status, MeetingPackStatus.Running)
            .SetProperty(p => p.ProgressPercent, percent), cancellationToken);
}
