namespace HotspotIntel.Api.Data;

/// <summary>The kinds of processing the Data Protection Act 2018 s62 requires logs of.</summary>
public enum AuditAction
{
    Collection,
    Alteration,
    Consultation,
    Disclosure,
    Combination,
    Erasure,
}
