using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Core;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// Writes the audit entries the database cannot infer: consultation, disclosure and combination. (Collection,
/// alteration and erasure are written by triggers in the same statement's transaction.) Entries go through
/// <c>record_audit_entry</c>, which writes them in the session's user's name, names the records and the persons they
/// concern, and hash-chains them (migrations/0016).
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
    /// name it): one entry per request, as the triggers write one per statement, naming every record read (and, in
    /// <c>entity_id</c>, the record when exactly one was read), the persons <paramref name="concerning"/> them, how many
    /// were read and why.
    /// </summary>
    public Task RecordConsultationAsync(string entityKind, IReadOnlyList<Guid> ids, string justification, CancellationToken cancellationToken,
        IEnumerable<Guid?>? concerning = null) =>
        RecordAsync(AuditAction.Consultation, entityKind, ids, justification, cancellationToken, concerning: concerning);

    /// <summary>Logs that the record <paramref name="id"/> was given to <paramref name="request"/>'s recipient, and why.</summary>
    public Task RecordDisclosureAsync(string entityKind, Guid id, DisclosureRequest request, CancellationToken cancellationToken) =>
        RecordAsync(AuditAction.Disclosure, entityKind, [id], request.Justification, cancellationToken, request.Recipient!.Trim());

    /// <summary>
    /// Logs that each of <paramref name="ids"/> was given to <paramref name="request"/>'s recipient, and why: one entry per
    /// record (the database logs a disclosure of one record at a time), written by one statement.
    /// </summary>
    public async Task RecordDisclosuresAsync(string entityKind, IReadOnlyList<Guid> ids, DisclosureRequest request, CancellationToken cancellationToken)
    {
        var actionCode = EnumCodes<AuditAction>.ToCode(AuditAction.Disclosure);
        var recordIds = ids.ToArray();
        var recipient = request.Recipient!.Trim();
        await db.Database.ExecuteSqlAsync(
            $"SELECT record_audit_entry({actionCode}, {entityKind}, ARRAY[id], {request.Justification?.Trim()}, {recipient}, NULL::uuid[]) FROM unnest({recordIds}) AS id",
            cancellationToken);
    }

    /// <summary>Logs a consultation, disclosure or combination of <paramref name="ids"/>; the database refuses any other action.</summary>
    public async Task RecordAsync(AuditAction action, string entityKind, IReadOnlyList<Guid> ids, string? justification,
        CancellationToken cancellationToken, string? recipient = null, IEnumerable<Guid?>? concerning = null)
    {
        var actionCode = EnumCodes<AuditAction>.ToCode(action);
        var recordIds = ids.ToArray();
        var personIds = concerning?.OfType<Guid>().Distinct().ToArray() ?? [];
        await db.Database.ExecuteSqlAsync(
            $"SELECT record_audit_entry({actionCode}, {entityKind}, {recordIds}, {justification?.Trim()}, {recipient}, {personIds})",
            cancellationToken);
    }
}
