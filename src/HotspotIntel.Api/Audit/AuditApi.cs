using System.ComponentModel;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Audit;

/// <summary>The audit log for supervisors and data protection officers: search it and verify its hash chain.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit-log").WithTags("Audit").RequireAuthorization(Policies.Supervise);
        api.MapGet("/", SearchAuditLogAsync).WithName("SearchAuditLog")
            .WithSummary("Audit entries, newest first, by record, user, action and time (supervisors).");
        api.MapGet("/verification", VerifyAuditLogAsync).WithName("VerifyAuditLog")
            .WithSummary("Recompute the hash chain: reports the first entry that was edited or follows a deleted one (supervisors).");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> SearchAuditLogAsync(
        HotspotIntelDbContext db,
        [Description("The record the entries are about")] Guid? entityId,
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

        var entries = db.AuditLog.AsNoTracking();
        entries = entityId is null ? entries : entries.Where(e => e.EntityId == entityId);
        entries = userId is null ? entries : entries.Where(e => e.UserId == userId);
        entries = actions.Count == 0 ? entries : entries.Where(e => actions.Contains(e.Action));
        entries = from is null ? entries : entries.Where(e => e.OccurredAt >= from);
        entries = to is null ? entries : entries.Where(e => e.OccurredAt < to);
        entries = before is null ? entries : entries.Where(e => e.Id < before);
        var page = await entries.OrderByDescending(e => e.Id).Take(pageSize + 1)
            .Select(e => new AuditEntryView(e.Id, e.OccurredAt, e.UserId, e.AgencyId, e.Role, e.Action, e.EntityKind, e.EntityId,
                e.RowCount, e.Justification, e.Recipient, Convert.ToHexStringLower(e.Hash)))
            .ToListAsync(cancellationToken);
        long? nextBefore = page.Count > pageSize ? page[pageSize - 1].Id : null;
        return TypedResults.Ok(new AuditPage([.. page.Take(pageSize)], nextBefore));
    }

    public static async Task<Ok<AuditVerification>> VerifyAuditLogAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await VerifyAsync(db, cancellationToken));

    /// <summary>Runs <c>verify_audit_chain()</c>; shared by the endpoint and the <c>verify-audit</c> command.</summary>
    public static async Task<AuditVerification> VerifyAsync(HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT first_broken_id, entries_checked FROM verify_audit_chain()";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            long? firstBroken = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            return new AuditVerification(firstBroken is null, reader.GetInt64(1), firstBroken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>An audit entry as supervisors read it; the hash is hex.</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset OccurredAt, string UserId, Guid? AgencyId, string Role, AuditAction Action,
    string EntityKind, Guid? EntityId, int RowCount, string? Justification, string? Recipient, string Hash);

/// <summary>One page of audit entries; pass <c>nextBefore</c> as <c>before</c> for the next.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, long? NextBefore);

/// <summary>Whether the audit log's hash chain is intact, how many entries were checked, and the first broken entry if not.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenId);
