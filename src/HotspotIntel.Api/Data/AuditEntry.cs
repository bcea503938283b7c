namespace HotspotIntel.Api.Data;

/// <summary>One row of the append-only audit log, as a supervisor reads it.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string UserId { get; set; }

    public Guid? AgencyId { get; set; }

    public required string Role { get; set; }

    public AuditAction Action { get; set; }

    public required string EntityKind { get; set; }

    public Guid? EntityId { get; set; }

    /// <summary>Every record a read returned and every person those records concern (null for entries of changes, which name one record at most).</summary>
    public Guid[]? EntityIds { get; set; }

    public int RowCount { get; set; }

    public string? Justification { get; set; }

    public string? Recipient { get; set; }

    public string? Details { get; set; }

    /// <summary>The database login that wrote the entry (null for entries from before it was recorded).</summary>
    public string? DatabaseLogin { get; set; }

    public byte[]? PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}
