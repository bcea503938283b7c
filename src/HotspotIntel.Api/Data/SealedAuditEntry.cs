namespace HotspotIntel.Api.Data;

/// <summary>The keyed seal of one audit entry (<c>Audit.AuditSeal</c>), written by the sealing job (<c>Audit.SealAuditLogJob</c>).</summary>
public sealed class SealedAuditEntry
{
    public long AuditId { get; set; }

    public required byte[] Seal { get; set; }

    public DateTimeOffset SealedAt { get; set; }
}
