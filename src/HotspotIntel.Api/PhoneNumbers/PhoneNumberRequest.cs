using HotspotIntel.Api.Records;

namespace HotspotIntel.Api.PhoneNumbers;

/// <summary>A phone number to record, or the new state of one.</summary>
public sealed record PhoneNumberRequest : RestrictedRecordRequest
{
    /// <summary>
    /// The number as typed: with its country code (+44 7700 900123, 0044…) or as dialled in the UK (07700 900123);
    /// spaces, dashes, dots and brackets aside. Stored in E.164 form (+447700900123).
    /// </summary>
    /// <example>07700 900123</example>
    public required string Number { get; init; }

    /// <summary>What is known of it, at most 5000 characters.</summary>
    /// <example>Pay-as-you-go SIM used for bookings</example>
    public string? Description { get; init; }
}
