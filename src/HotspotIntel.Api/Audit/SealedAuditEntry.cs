namespace HotspotIntel.Api.Audit;

/// <summary>The keyed seal of one audit entry (<see cref="AuditSeal"/>), written by <see cref="SealAuditLogJob"/>.</summary>
public sealed class SealedAuditEntry
{
    public long AuditId { get; set; }

    public required byte[] Seal { get; set; }

    public DateTimeOffset SealedAt { get; set; }
}
