namespace HotspotIntel.Core.Vehicles;

/// <summary>Whether a vehicle is licensed to carry passengers for hire.</summary>
public enum VehicleLicenceType
{
    /// <summary>Not licensed for hire.</summary>
    None,

    /// <summary>A hackney carriage (taxi).</summary>
    HackneyCarriage,

    /// <summary>A private-hire vehicle.</summary>
    PrivateHire,
}
