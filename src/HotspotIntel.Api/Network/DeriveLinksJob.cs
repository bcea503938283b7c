using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Derives co-occurrence and co-location links from reports, in the database (<c>derive_links</c>, migrations/0022),
/// on the jobs' login. Coarse and incremental: a recurring pass takes every report whose mentions, place, time,
/// grading, handling or marking changed since the last one (never a job per report), and a nightly pass derives
/// everything again. Either pass writes only the evidence and links that differ from what is stored (migrations/0048),
/// so a nightly pass over unchanged reports writes nothing. Removal does not wait for a pass: the database removes a
/// derived link in the statement that removes what it rested on. Safe on several servers: a pass holds an advisory lock
/// for its transaction, and a server that cannot take it leaves the work to the one that has it.
/// </summary>
public sealed class DeriveLinksJob(SystemDatabase database, IOptions<DerivedLinkOptions> options)
{
    public const string IncrementalId = "derive-links";
    public const string FullPassId = "derive-links-full";

    /// <summary>Derives the links of the reports changed since the last pass; returns the evidence added, or null when another server is passing.</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task<long?> RunAsync(CancellationToken cancellationToken) => PassAsync(fullPass: false, cancellationToken);

    /// <summary>Derives every link from every report again.</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task<long?> RunFullAsync(CancellationToken cancellationToken) => PassAsync(fullPass: true, cancellationToken);

    private async Task<long?> PassAsync(bool fullPass, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = database.CreateContext();
        // A full pass over a region's million reports takes minutes, far beyond a command's default 30 s.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await db.Database.SqlQuery<long?>(
            $"""SELECT derive_links({fullPass}, {settings.CoLocationMeters}, {settings.CoLocationMinutes}) AS "Value" """).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }
}
