using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using NetTopologySuite.Geometries;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Premises;

/// <summary>
/// The rules a premises' fields must keep, which need no database: the JSON API and bulk imports both apply them, so
/// a premises one accepts the other accepts too.
/// </summary>
internal static class PremisesRules
{
    /// <summary>A UPRN (OS AddressBase) is a positive whole number of at most 12 digits.</summary>
    private const long MaxUprn = 999_999_999_999;

    /// <summary>Checks <paramref name="request"/> into <paramref name="errors"/> and, when it passes, copies it onto <paramref name="premises"/>.</summary>
    public static void Apply(PremisesRequest request, PremisesEntity premises, RecordingContext recording, ValidationErrors errors)
    {
        var partnership = recording.Partnership;
        request.ApplyRestrictions(premises, recording, partnership.ReviewPeriods.EntityDays, errors);
        var name = TextInput.Required(request.Name, 200, "name", errors);
        var address = TextInput.Required(request.Address, 500, "address", errors);
        var postcode = PostcodeInput.Read(request.Postcode, "postcode", errors);
        if (request.Uprn is < 1 or > MaxUprn)
        {
            errors.Add("uprn", "A UPRN is a whole number of 1 to 12 digits.");
        }

        var licenceNumber = TextInput.Optional(request.LicenceNumber, 50, "licenceNumber", errors);
        var licensingAuthority = TextInput.Optional(request.LicensingAuthority, 200, "licensingAuthority", errors);
        var location = GeometryInput.ToStored(request.Location, request.CoordinateSystem, partnership.Region, "location", errors, OgcGeometryType.Point);
        if (errors.Any)
        {
            return;
        }

        premises.Name = name;
        premises.PremisesType = request.PremisesType;
        premises.Address = address;
        premises.Postcode = postcode;
        premises.Uprn = request.Uprn;
        premises.LicenceNumber = licenceNumber;
        premises.LicensingAuthority = licensingAuthority;
        premises.Location = (Point)location!;
        premises.UpdatedAt = recording.Now;
    }
}
