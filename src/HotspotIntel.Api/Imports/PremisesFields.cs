using System.Text.RegularExpressions;
using HotspotIntel.Api.Common;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// A premises as an import row gives it, with the rules a premises must keep (those the schema's checks enforce, said
/// first in words). The premises API, when it comes, should take its request through the same <see cref="Apply"/>.
/// </summary>
internal sealed partial record PremisesFields : RestrictedRecordRequest
{
    public required string Name { get; init; }

    public required PremisesType PremisesType { get; init; }

    public required string Address { get; init; }

    public string? Postcode { get; init; }

    public long? Uprn { get; init; }

    public string? LicenceNumber { get; init; }

    public string? LicensingAuthority { get; init; }

    public required Geometry Location { get; init; }

    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;

    /// <summary>Checks these fields into <paramref name="errors"/> and, when they pass, copies them onto <paramref name="premises"/>.</summary>
    public void Apply(PremisesEntity premises, RecordingContext recording, ValidationErrors errors)
    {
        ApplyRestrictions(premises, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        CheckLength(Name, "name", 200, errors);
        CheckLength(Address, "address", 500, errors);
        var postcode = NormalisedPostcode(Postcode);
        if (postcode is not null && !PostcodePattern().IsMatch(postcode))
        {
            errors.Add("postcode", $"Not a UK postcode: '{Postcode}'.");
        }

        // A UPRN is a positive integer of at most 12 digits (OS AddressBase).
        if (Uprn is <= 0 or > 999_999_999_999)
        {
            errors.Add("uprn", "Must be a positive whole number of at most 12 digits.");
        }

        CheckLength(LicenceNumber, "licenceNumber", 50, errors);
        CheckLength(LicensingAuthority, "licensingAuthority", 200, errors);
        var location = GeometryInput.ToStored(Location, CoordinateSystem, recording.Partnership.Region, "location", errors, OgcGeometryType.Point);
        if (errors.Any)
        {
            return;
        }

        premises.Name = Name.Trim();
        premises.PremisesType = PremisesType;
        premises.Address = Address.Trim();
        premises.Postcode = postcode;
        premises.Uprn = Uprn;
        premises.LicenceNumber = NullIfBlank(LicenceNumber);
        premises.LicensingAuthority = NullIfBlank(LicensingAuthority);
        premises.Location = (Point)location!;
        premises.UpdatedAt = recording.Now;
    }

    /// <summary>Upper case with one space before the inward code (<c>b11aa</c> is <c>B1 1AA</c>), as the schema stores it.</summary>
    private static string? NormalisedPostcode(string? postcode)
    {
        var compact = NullIfBlank(postcode)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact is { Length: > 3 } ? $"{compact[..^3]} {compact[^3..]}" : compact;
    }

    private static void CheckLength(string? value, string field, int maxLength, ValidationErrors errors)
    {
        if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength))
        {
            errors.Add(field, $"Must be 1 to {maxLength} characters.");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The schema's check on premises.postcode.
    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")]
    private static partial Regex PostcodePattern();
}
