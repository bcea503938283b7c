namespace HotspotIntel.Core.Premises;

/// <summary>The kind of premises, by the licence or registration that makes it one.</summary>
public enum PremisesType
{
    /// <summary>A pub, bar or club licensed under the Licensing Act 2003.</summary>
    LicensedPremises,

    /// <summary>A takeaway or café licensed for late-night refreshment (Licensing Act 2003 Sch 2).</summary>
    LateNightRefreshment,

    /// <summary>A hotel.</summary>
    Hotel,

    /// <summary>A bed and breakfast or guest house.</summary>
    BedAndBreakfast,

    /// <summary>A hostel.</summary>
    Hostel,

    /// <summary>A house in multiple occupation (Housing Act 2004).</summary>
    HouseInMultipleOccupation,

    /// <summary>A private-hire operator's base.</summary>
    PrivateHireOperator,

    /// <summary>A shop, off-licence or other business.</summary>
    Shop,

    /// <summary>Any other premises.</summary>
    Other,
}
