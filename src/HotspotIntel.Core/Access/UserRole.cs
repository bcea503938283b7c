namespace HotspotIntel.Core.Access;

/// <summary>What a user does with the system (docs/architecture.md, Who uses it); with their agency, it decides what they may see and do.</summary>
public enum UserRole
{
    /// <summary>A community safety tasking group member: sees hotspots and aggregated child-linked locations, plans disruption.</summary>
    TaskingMember,

    /// <summary>A police intelligence analyst: records and grades intelligence, explores links, sees children's identities.</summary>
    Analyst,

    /// <summary>A licensing officer: checks premises, licence holders and taxis; sees child-linked locations only aggregated.</summary>
    LicensingOfficer,

    /// <summary>A supervisor or data protection officer: reviews, retains and erases records, reads the audit log.</summary>
    Supervisor,

    /// <summary>An administrator: agencies, users and sharing agreements; no intelligence content.</summary>
    Administrator,
}
