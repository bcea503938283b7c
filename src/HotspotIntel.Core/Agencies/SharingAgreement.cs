namespace HotspotIntel.Core.Agencies;

/// <summary>
/// A standing agreement under which one agency's records with handling code P are readable by a partner agency,
/// for a stated purpose and period. C-coded records are never shared by agreement alone.
/// </summary>
public sealed class SharingAgreement
{
    /// <summary>Identity.</summary>
    public Guid Id { get; set; }

    /// <summary>The agency whose records are shared.</summary>
    public Guid OwnerAgencyId { get; set; }

    /// <summary>The agency that may read them.</summary>
    public Guid PartnerAgencyId { get; set; }

    /// <summary>Why they are shared (the information sharing agreement's purpose).</summary>
    public required string Purpose { get; set; }

    /// <summary>First day in force.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Last day in force; null while open-ended.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
