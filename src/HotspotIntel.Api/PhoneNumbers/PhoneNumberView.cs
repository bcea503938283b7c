using HotspotIntel.Api.Records;
using HotspotIntel.Core.Identifiers;

namespace HotspotIntel.Api.PhoneNumbers;

/// <summary>A phone number of interest, in E.164 form.</summary>
public sealed record PhoneNumberView(Guid Id, string Number, string? Description, RestrictionsView Restrictions)
{
    public static PhoneNumberView Of(PhoneNumber phoneNumber) =>
        new(phoneNumber.Id, phoneNumber.Number, phoneNumber.Description, RestrictionsView.Of(phoneNumber));
}
