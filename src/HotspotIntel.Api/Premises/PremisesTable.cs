using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Premises;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Premises;

/// <summary>Premises as a flat list for GIS tools and exports: the rows and filters of <c>GET /api/premises</c> (<see cref="PremisesApi.Filter"/>).</summary>
internal static class PremisesTable
{
    public sealed record PremisesListFilter(List<PremisesType> Types, Guid? AgencyId, string? Pattern, string? Postcode);

    public static readonly ListTable<PremisesEntity, PremisesListFilter> Table = new()
    {
        Id = "premises",
        Title = "Premises",
        Description = "Premises with an owner or a licence: licensed premises, takeaways, hotels, B&Bs, hostels, HMOs, private-hire operators (as GET /api/premises).",
        Geometry = ListGeometry.Point,
        Parameters =
        [
            new("premisesType", "Premises type codes, comma-separated.", ColumnType.String, EnumCodes<PremisesType>.All),
            new("agencyId", "The recording agency's id.", ColumnType.String),
            new("q", "Text found in the name, address, postcode (however spaced) or licence number.", ColumnType.String),
        ],
        RowColumns =
        [
            ListColumns.Text<PremisesEntity>("name", "Trading name.", p => p.Name),
            ListColumns.Code<PremisesEntity, PremisesType>("premisesType", "What kind of premises it is.", p => p.PremisesType),
            ListColumns.Text<PremisesEntity>("address", "Postal address, one line.", p => p.Address),
            ListColumns.Text<PremisesEntity>("postcode", "Postcode.", p => p.Postcode),
            ListColumns.Integer<PremisesEntity>("uprn", "Unique Property Reference Number.", p => p.Uprn),
            ListColumns.Text<PremisesEntity>("licenceNumber", "Premises licence number.", p => p.LicenceNumber),
            ListColumns.Text<PremisesEntity>("licensingAuthority", "The licensing authority that issued the licence.", p => p.LicensingAuthority),
            .. ListColumns.Restrictions<PremisesEntity>(p => p),
        ],
        Filter = (query, errors) =>
        {
            var pattern = TextSearch.Read(query.Value("q"), errors);
            return new PremisesListFilter(CodeListInput.Read<PremisesType>(query.Values("premisesType"), "premisesType", errors),
                query.Guid("agencyId", errors), pattern, pattern is null ? null : PostcodeInput.Normalise(query.Value("q")));
        },
        Query = (db, filter, area) => PremisesApi.Filter(db.Premises, area, filter.Types, filter.AgencyId, filter.Pattern, filter.Postcode),
        Key = p => p.Id,
        GeometryOf = p => p.Location,
        Marking = p => p.SecurityMarking,
    };
}
