using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// Writes the audit entries the database cannot infer: consultation, disclosure and combination. (Collection,
/// alteration and erasure are written by triggers in the same statement's transaction.) Entries go through
/// <c>append_audit</c>, which hash-chains them.
/// </summary>
public sealed class AuditLog(HotspotIntelDbContext db)
{
    /// <summary>The header that carries the reason for consulting or exporting person-level data.</summary>
    public const string JustificationHeader = "Justification";

    /// <summary>How endpoints that read person-level data describe the header in OpenAPI.</summary>
    public const string JustificationDescription = "Why you are consulting person-level data, 10 to 1000 characters; logged with the read";

    /// <summary>Requires a justification of 10 to 1000 characters, as s62(3) requires the justification be logged.</summary>
    public static void RequireJustification(string? justification, ValidationErrors errors, string field = JustificationHeader)
    {
        if (string.IsNullOrWhiteSpace(justification) || justification.Trim().Length is < 10 or > 1000)
        {
            errors.Add(field, "Say why you are consulting person-level data (10 to 1000 characters), e.g. \"Tasking meeting 12 Nov: hotspot H-14 review\".");
        }
    }

    /// <summary>
    /// Logs one read of person-level data under <paramref name="entityKind"/> (the table name, as the triggers' entries
    /// name it): one entry per request, as the triggers write one per statement, naming the record when exactly one was
    /// read, with how many were read and why.
    /// </summary>
    public Task RecordConsultationAsync(string entityKind, IReadOnlyList<Guid> ids, string justification, CancellationToken cancellationToken) =>
        RecordAsync(AuditAction.Consultation, entityKind, ids.Count == 1 ? ids[0] : null, ids.Count, justification, cancellationToken);

    /// <summary>Logs that the record <paramref name="id"/> was given to <paramref name="request"/>'s recipient, and why.</summary>
    public Task RecordDisclosureAsync(string entityKind, Guid id, DisclosureRequest request, CancellationToken cancellationToken) =>
        RecordAsync(AuditAction.Disclosure, entityKind, id, 1, request.Justification, cancellationToken, request.Recipient!.Trim());

    public async Task RecordAsync(AuditAction action, string entityKind, Guid? entityId, int rowCount, string? justification,
        CancellationToken cancellationToken, string? recipient = null)
    {
        var actionCode = EnumCodes<AuditAction>.ToCode(action);
        await db.Database.ExecuteSqlAsync(
            $"SELECT append_audit({actionCode}, {entityKind}, {entityId}, {rowCount}, {justification?.Trim()}, {recipient})",
            cancellationToken);
    }
}
