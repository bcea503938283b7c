namespace HotspotIntel.Api.Data;

/// <summary>What a bulk import can bring in.</summary>
public enum ImportKind
{
    /// <summary>Intelligence reports.</summary>
    Reports,

    /// <summary>Premises.</summary>
    Premises,
}

/// <summary>One bulk import that committed: its idempotency key makes a retry by the same user return this instead of importing twice.</summary>
public sealed class Import
{
    public Guid Id { get; set; }

    /// <summary>The user who imported it: keys are scoped per user.</summary>
    public required string UserId { get; set; }

    public required string IdempotencyKey { get; set; }

    public ImportKind Kind { get; set; }

    /// <summary>SHA-256 of the file, hex: a retry with the same key must send the same file.</summary>
    public required string ContentSha256 { get; set; }

    public Guid AgencyId { get; set; }

    public int RowCount { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
