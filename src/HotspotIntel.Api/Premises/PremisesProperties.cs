using HotspotIntel.Api.Json;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Premises;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Premises;

/// <summary>The properties of a premises feature.</summary>
public sealed record PremisesProperties(
    string Name,
    PremisesType PremisesType,
    string Address,
    string? Postcode,
    long? Uprn,
    string? LicenceNumber,
    string? LicensingAuthority,
    RestrictionsView Restrictions)
{
    public static Feature<PremisesProperties> FeatureOf(PremisesEntity premises) => new(premises.Id, premises.Location, new(
        premises.Name, premises.PremisesType, premises.Address, premises.Postcode, premises.Uprn, premises.LicenceNumber,
        premises.LicensingAuthority, RestrictionsView.Of(premises)));
}
