namespace HotspotIntel.Core.Persons;

/// <summary>Why a person is recorded.</summary>
public enum PersonRole
{
    /// <summary>An adult whose behaviour towards children is of concern.</summary>
    AdultOfConcern,

    /// <summary>A child at risk of exploitation: the most protected identity in the system.</summary>
    ChildAtRisk,

    /// <summary>An associate of a person of concern.</summary>
    Associate,

    /// <summary>The holder of a premises, personal or driver licence.</summary>
    LicenceHolder,
}
