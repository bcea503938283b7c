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

    /// <summary>Requires a justification of 10 to 1000 characters, as s62(3) requires the justification be logged.</summary>
    public static void RequireJustification(string? justification, ValidationErrors errors, string field = JustificationHeader)
    {
        if (string.IsNullOrWhiteSpace(justification) || justification.Trim().Length is < 10 or > 1000)
        {
            errors.Add(field, "Say why you are consulting person-level data (10 to 1000 characters), e.g. \"Tasking meeting 12 Nov: hotspot H-14 review\".");
        }
    }

    public async Task RecordAsync(AuditAction action, string entityKind, Guid? entityId, int rowCount, string? justification,
        CancellationToken cancellationToken, string? recipient = null)
    {
        var actionCode = EnumCodes<AuditAction>.ToCode(action);
        await db.Database.ExecuteSqlAsync(
            $"SELECT append_audit({actionCode}, {entityKind}, {entityId}, {rowCount}, {justification?.Trim()}, {recipient})",
            cancellationToken);
    }
}
