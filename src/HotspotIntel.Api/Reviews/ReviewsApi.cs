using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Reviews;

/// <summary>
/// Review and retention (MoPI in spirit): supervisors work through their agency's records past their review date and
/// either retain each one, with a reason and a new date, or erase it. Erasing a report keeps what counts and hotspots
/// rely on (place, time, category, grading) and removes its narrative and every link to persons and vehicles; erasing
/// any other record deletes it. Either way every row of any agency that ties the record to others (mentions, links,
/// missing episodes, disruption actions against it, link provenance) is detached first, since a record other agencies refer to cannot otherwise be
/// deleted. The audit triggers log each change with the decision's reason.
/// </summary>
public static class ReviewsApi
{
    public const string Route = "/api/reviews";

    /// <summary>What an erased report's narrative becomes: the fact of erasure, never the erased text.</summary>
    public const string ErasedNarrative = "[erased on review]";

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Review and retention").RequireAuthorization(Policies.Supervise);
        api.MapGet("/due", ListDueAsync).WithName("ListRecordsDueForReview")
            .WithSummary("Your agency's records past their review date, oldest first (supervisors). Refreshed daily by a job.");
        api.MapPost("/{kind}/{id}/retain", RetainAsync).WithName("RetainRecord")
            .WithSummary("Keep a record past its review date, with the reason and the next review date (supervisors).");
        api.MapPost("/{kind}/{id}/erase", EraseAsync).WithName("EraseRecord")
            .WithSummary("Erase a record on review: a report keeps place, time, category and grading only; anything else is deleted (supervisors).");
        return app;
    }

    public static async Task<Results<Ok<DueForReviewPage>, ValidationProblem>> ListDueAsync(
        HotspotIntelDbContext db,
        [Description("reports, persons, premises, locations, vehicles, links, missing-episodes, phone-numbers, online-identifiers, disruption-actions, meeting-packs or panels")] string? kind,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("Skip this many (the list is small and changes daily)")] int? offset,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (kind is not null && !ReviewableKinds.TableByKind.ContainsKey(kind))
        {
            errors.Add("kind", $"Must be one of: {string.Join(", ", ReviewableKinds.TableByKind.Keys)}.");
        }

        var pageSize = KeysetCursor.ReadPaging(limit, null, errors, out _);
        if (offset is < 0)
        {
            errors.Add("offset", "Must be zero or more.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var due = db.RecordsDueForReview.AsNoTracking();
        due = kind is null ? due : due.Where(record => record.EntityKind == kind);
        var total = await due.CountAsync(cancellationToken);
        var page = await due.OrderBy(record => record.ReviewOn).ThenBy(record => record.EntityKind).ThenBy(record => record.EntityId)
            .Skip(offset ?? 0).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DueForReviewPage(page, total));
    }

    public static async Task<Results<Ok<ReviewDecision>, ValidationProblem, ProblemHttpResult>> RetainAsync(
        HotspotIntelDbContext db, TimeProvider time, string kind, Guid id, RetainRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var table = ReadKind(kind, errors);
        AuditLog.RequireJustification(request.Justification, errors, "justification");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (request.ReviewOn is not { } reviewOn || reviewOn <= today || reviewOn > today.AddYears(10))
        {
            errors.Add("reviewOn", "Give the next review date: after today and within ten years.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await GiveReasonAsync(db, request.Justification!, cancellationToken);
#pragma warning disable EF1002 // The table name comes from ReviewableKinds, never from input.
        var retained = await db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET review_on = {{0}} WHERE id = {{1}}",
            [request.ReviewOn!.Value, id], cancellationToken);
#pragma warning restore EF1002
        if (retained == 0)
        {
            return await NotReviewableAsync(db, kind, id, cancellationToken);
        }

        await RemoveFromWorklistAsync(db, kind, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ReviewDecision(kind, id, "retained", request.ReviewOn));
    }

    public static async Task<Results<Ok<ReviewDecision>, ValidationProblem, ProblemHttpResult>> EraseAsync(
        HotspotIntelDbContext db, TimeProvider time, string kind, Guid id, EraseRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var table = ReadKind(kind, errors);
        AuditLog.RequireJustification(request.Justification, errors, "justification");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await GiveReasonAsync(db, request.Justification!, cancellationToken);
        // Other agencies' mentions, links and episodes first: a record they refer to cannot be deleted (migrations/0017).
        // A meeting pack (an output) and a panel (one agency's meeting record, its list and meetings deleted with it) are
        // not records others' records refer to: nothing to detach, and row-level security lets only its agency delete it.
        var detached = table is "meeting_packs" or "panels" ? 0
            : await db.Database.SqlQuery<int?>($"""SELECT detach_for_erasure({table}, {id}) AS "Value" """).SingleAsync(cancellationToken);
        var erased = detached is null ? 0
            : table == "intelligence_reports"
            ? await EraseReportAsync(db, id, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken)
#pragma warning disable EF1002 // The table name comes from ReviewableKinds, never from input.
            : await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table} WHERE id = {{0}}", [id], cancellationToken);
#pragma warning restore EF1002
        if (erased == 0)
        {
            return await NotReviewableAsync(db, kind, id, cancellationToken);
        }

        await RemoveFromWorklistAsync(db, kind, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ReviewDecision(kind, id, "erased", null));
    }

    /// <summary>Keeps what hotspots count; its ties to persons, vehicles and links were detached before.</summary>
    private static Task<int> EraseReportAsync(HotspotIntelDbContext db, Guid id, DateOnly today, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE intelligence_reports
            SET narrative = {ErasedNarrative}, handling_conditions = CASE WHEN handling_code = 'C' THEN {ErasedNarrative} END,
                historic_grading = NULL, erased_on = {today}, updated_at = now()
            WHERE id = {id} AND erased_on IS NULL
            """, cancellationToken);

    private static string ReadKind(string kind, ValidationErrors errors)
    {
        if (ReviewableKinds.TableByKind.TryGetValue(kind, out var table))
        {
            return table;
        }

        errors.Add("kind", $"Must be one of: {string.Join(", ", ReviewableKinds.TableByKind.Keys)}.");
        return "";
    }

    private static Task GiveReasonAsync(HotspotIntelDbContext db, string justification, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT set_config('hotspotintel.justification', {justification.Trim()}, true)", cancellationToken);

    private static Task RemoveFromWorklistAsync(HotspotIntelDbContext db, string kind, Guid id, CancellationToken cancellationToken) =>
        db.RecordsDueForReview.Where(record => record.EntityKind == kind && record.EntityId == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Nothing changed: the record is not visible, belongs to another agency, or (a report) is already erased.</summary>
    private static async Task<ProblemHttpResult> NotReviewableAsync(HotspotIntelDbContext db, string kind, Guid id, CancellationToken cancellationToken)
    {
        var alreadyErased = kind == "reports" && await db.Reports.AnyAsync(report => report.Id == id && report.ErasedOn != null, cancellationToken);
        return alreadyErased
            ? Problems.Conflict("Already erased.", $"The report {id} was erased on an earlier review.")
            : Problems.NotFound(kind == "reports" ? "report" : kind.TrimEnd('s'), id);
    }
}

public sealed record RetainRequest(
    [property: Description("Why the record is still needed (10 to 1000 characters)")] string? Justification,
    [property: Description("The next review date")] DateOnly? ReviewOn);

public sealed record EraseRequest([property: Description("Why the record is erased (10 to 1000 characters)")] string? Justification);

public sealed record ReviewDecision(string Kind, Guid Id, string Decision, DateOnly? ReviewOn);

public sealed record DueForReviewPage(IReadOnlyList<RecordDueForReview> Records, int Total);
