using HotspotIntel.Core.Premises;

namespace HotspotIntel.Bench.Output;

/// <summary>The premises CSV of the import contract: exactly these columns, in this order.</summary>
internal static class PremisesCsv
{
    public static readonly string[] Header =
    [
        "name", "premises_type", "address", "postcode", "uprn", "licence_number", "licensing_authority", "longitude", "latitude",
        .. CsvFields.RestrictionHeader,
    ];

    public static string?[] Row(Premises premises) =>
    [
        premises.Name,
        CsvFields.Code(premises.PremisesType),
        premises.Address,
        premises.Postcode,
        CsvFields.Number(premises.Uprn),
        premises.LicenceNumber,
        premises.LicensingAuthority,
        CsvFields.Degrees(premises.Location.X),
        CsvFields.Degrees(premises.Location.Y),
        .. CsvFields.Restrictions(premises),
    ];
}
