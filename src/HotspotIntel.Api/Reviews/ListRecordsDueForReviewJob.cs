using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Reviews;

/// <summary>
/// Rewrites the review worklist: every record whose review date has passed and that no decision has settled. Idempotent
/// (the list is replaced in one transaction), so a retry does no harm; a second server listing at once waits for the
/// first under the transaction's advisory lock <see cref="LockKey"/>, which PostgreSQL lets go of however the server
/// holding it stops (Hangfire's <c>DisableConcurrentExecution</c> lock outlived a killed server by 10 minutes).
/// </summary>
public sealed class ListRecordsDueForReviewJob(SystemDatabase database, TimeProvider time)
{
    public const string Id = "list-records-due-for-review";

    /// <summary>The advisory lock a listing transaction holds: "Review" in ASCII.</summary>
    public const long LockKey = 0x526576696577;

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM records_due_for_review", cancellationToken);
        var listed = 0;
        foreach (var (kind, table) in ReviewableKinds.TableByKind)
        {
            var notErased = table == "intelligence_reports" ? " AND erased_on IS NULL" : "";
#pragma warning disable EF1003 // The table name comes from ReviewableKinds, never from input.
            listed += await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO records_due_for_review (entity_kind, entity_id, agency_id, review_on, listed_at) "
                + $"SELECT {{0}}, id, agency_id, review_on, {{1}} FROM {table} WHERE review_on <= {{2}}{notErased}",
                [kind, now, today], cancellationToken);
#pragma warning restore EF1003
        }

        await transaction.CommitAsync(cancellationToken);
        return listed;
    }
}
