using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Identifiers;

/// <summary>A phone number of interest (a person's, or a premises'), held in E.164 form (<see cref="PhoneNumbers.Normalise"/>).</summary>
public sealed class PhoneNumber : RecordRestrictions
{
    /// <summary>The number in E.164 form: <c>+</c>, the country code and the number, digits only (<c>+447700900123</c>).</summary>
    public required string Number { get; set; }

    /// <summary>What is known of it (a pay-as-you-go SIM, a line used for bookings).</summary>
    public string? Description { get; set; }
}
