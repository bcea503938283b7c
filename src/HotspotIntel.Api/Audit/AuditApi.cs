using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Audit;

/// <summary>The audit log for supervisors and data protection officers: search it and verify it.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit-log").WithTags("Audit").RequireAuthorization(Policies.Supervise);
        api.MapGet("/", SearchAuditLogAsync).WithName("SearchAuditLog")
            .WithSummary("Audit entries, newest first, by record, user, action and time (supervisors).");
        api.MapGet("/verification", VerifyAuditLogAsync).WithName("VerifyAuditLog")
            .WithSummary("Check the hash chain, the keyed seals and the checkpoints kept outside the database: says which entries were edited or deleted (supervisors).");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> SearchAuditLogAsync(
        HotspotIntelDbContext db,
        [Description("The record the entries are about: a record changed or read, or a person a read record concerns")] Guid? entityId,
        [Description("The user who acted")] string? userId,
        [Description("collection, alteration, consultation, disclosure, combination, erasure")] string[]? action,
        [Description("Earliest time, inclusive")] DateTimeOffset? from,
        [Description("Latest time, exclusive")] DateTimeOffset? to,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextBefore of the previous page")] long? before,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var actions = CodeListInput.Read<AuditAction>(action, "action", errors);
        var pageSize = KeysetCursor.ReadPaging(limit, null, errors, out _);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.AuditLog.AsNoTracking(), entityId, userId, actions, from, to, before).OrderByDescending(e => e.Id).Take(pageSize + 1)
            .Select(e => new AuditEntryView(e.Id, e.OccurredAt, e.UserId, e.AgencyId, e.Role, e.Action, e.EntityKind, e.EntityId,
                e.EntityIds, e.RowCount, e.Justification, e.Recipient, e.DatabaseLogin, Convert.ToHexStringLower(e.Hash)))
            .ToListAsync(cancellationToken);
        long? nextBefore = page.Count > pageSize ? page[pageSize - 1].Id : null;
        return TypedResults.Ok(new AuditPage([.. page.Take(pageSize)], nextBefore));
    }

    /// <summary>The search filter; a record's entries come from two indexes: entity_id (changes, single reads) and entity_ids (what reads returned).</summary>
    internal static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, Guid? entityId, string? userId, List<AuditAction> actions,
        DateTimeOffset? from, DateTimeOffset? to, long? before)
    {
        if (entityId is { } id)
        {
            // Written as an overlap with a one-element array: entity_ids && ARRAY[id], which the GIN index serves (a plain
            // Contains becomes id = ANY (entity_ids), which no index does).
            Guid[] named = [id];
            entries = entries.Where(e => e.EntityId == id || e.EntityIds!.Any(entityIdNamed => named.Contains(entityIdNamed)));
        }

        entries = userId is null ? entries : entries.Where(e => e.UserId == userId);
        entries = actions.Count == 0 ? entries : entries.Where(e => actions.Contains(e.Action));
        entries = from is null ? entries : entries.Where(e => e.OccurredAt >= from);
        entries = to is null ? entries : entries.Where(e => e.OccurredAt < to);
        return before is null ? entries : entries.Where(e => e.Id < before);
    }

    public static async Task<Ok<AuditVerification>> VerifyAuditLogAsync(HotspotIntelDbContext db, AuditVerifier verifier,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(db, cancellationToken));
}

/// <summary>
/// An audit entry as supervisors read it: <c>entityIds</c> lists what a read returned and the persons it concerns;
/// <c>databaseLogin</c> is the database login that wrote it; the hash is hex.
/// </summary>
public sealed record AuditEntryView(long Id, DateTimeOffset OccurredAt, string UserId, Guid? AgencyId, string Role, AuditAction Action,
    string EntityKind, Guid? EntityId, IReadOnlyList<Guid>? EntityIds, int RowCount, string? Justification, string? Recipient,
    string? DatabaseLogin, string Hash);

/// <summary>One page of audit entries; pass <c>nextBefore</c> as <c>before</c> for the next.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, long? NextBefore);
