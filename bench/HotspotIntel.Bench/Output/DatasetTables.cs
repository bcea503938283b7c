using System.Globalization;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Links;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;
using Location = HotspotIntel.Core.Locations.Location;

namespace HotspotIntel.Bench.Output;

/// <summary>One CSV file of the dataset: its name, its header and how a record becomes a row.</summary>
internal sealed record CsvTable<T>(string FileName, string[] Header, Func<T, string?[]> Row);

/// <summary>
/// The files of a generated city. reports.csv and premises.csv follow the import contract exactly; since that contract
/// carries no ids, report-keys.csv and premises-keys.csv give the id and owning agency of each row, line for line.
/// The other files mirror the tables of migrations/0001_records_schema.sql; geometries are WKT in WGS84.
/// </summary>
internal static class DatasetTables
{
    public static readonly CsvTable<Agency> Agencies = new("agencies.csv", ["id", "code", "name", "kind"],
        a => [Id(a.Id), a.Code, a.Name, CsvFields.Code(a.Kind)]);

    public static readonly CsvTable<Ward> Wards = new("wards.csv", ["number", "name", "council_id", "boundary_wkt"],
        w => [CsvFields.Number(w.Number), w.Title, Id(w.Council.Id), w.Boundary.AsText()]);

    public static readonly CsvTable<Premises> Premises = new("premises.csv", PremisesCsv.Header, PremisesCsv.Row);

    public static readonly CsvTable<Premises> PremisesKeys = new("premises-keys.csv", ["id", "agency_id"],
        p => [Id(p.Id), Id(p.AgencyId)]);

    public static readonly CsvTable<Location> Locations = new("locations.csv",
        ["id", "agency_id", "name", "location_type", "geometry_wkt", .. CsvFields.RestrictionHeader],
        l => [Id(l.Id), Id(l.AgencyId), l.Name, CsvFields.Code(l.LocationType), l.Geometry.AsText(), .. CsvFields.Restrictions(l)]);

    public static readonly CsvTable<Vehicle> Vehicles = new("vehicles.csv",
        ["id", "agency_id", "registration_mark", "make", "model", "colour", "licence_type", "plate_number", "licensing_authority", .. CsvFields.RestrictionHeader],
        v => [Id(v.Id), Id(v.AgencyId), v.RegistrationMark, v.Make, v.Model, v.Colour, CsvFields.Code(v.LicenceType), v.PlateNumber,
            v.LicensingAuthority, .. CsvFields.Restrictions(v)]);

    public static readonly CsvTable<Person> Persons = new("persons.csv",
        ["id", "agency_id", "role", "family_name", "given_names", "aliases", "date_of_birth", "description", .. CsvFields.RestrictionHeader],
        p => [Id(p.Id), Id(p.AgencyId), CsvFields.Code(p.Role), p.FamilyName, p.GivenNames, string.Join(';', p.Aliases),
            CsvFields.Date(p.DateOfBirth), p.Description, .. CsvFields.Restrictions(p)]);

    public static readonly CsvTable<IntelligenceReport> Reports = new("reports.csv", ReportCsv.Header, ReportCsv.Row);

    public static readonly CsvTable<IntelligenceReport> ReportKeys = new("report-keys.csv", ["id", "agency_id"],
        r => [Id(r.Id), Id(r.AgencyId)]);

    public static readonly CsvTable<(Guid Report, Guid Person)> ReportPersons = Pairs("report-persons.csv", "report_id", "person_id");

    public static readonly CsvTable<(Guid Report, Guid Premises)> ReportPremises = Pairs("report-premises.csv", "report_id", "premises_id");

    public static readonly CsvTable<(Guid Report, Guid Vehicle)> ReportVehicles = Pairs("report-vehicles.csv", "report_id", "vehicle_id");

    public static readonly CsvTable<(Guid Report, Guid Location)> ReportLocations = Pairs("report-locations.csv", "report_id", "location_id");

    public static readonly CsvTable<Link> Links = new("links.csv",
        ["id", "agency_id", "kind", "link_type", "person_id", "related_person_id", "premises_id", "vehicle_id", "location_id",
            "starts_on", "ends_on", "notes", .. CsvFields.RestrictionHeader],
        l => [Id(l.Id), Id(l.AgencyId), CsvFields.Code(l.Kind), CsvFields.Code(l.LinkType), Id(l.PersonId), Id(l.RelatedPersonId),
            Id(l.PremisesId), Id(l.VehicleId), Id(l.LocationId), CsvFields.Date(l.StartsOn), CsvFields.Date(l.EndsOn), l.Notes,
            .. CsvFields.Restrictions(l)]);

    public static readonly CsvTable<(Guid Link, Guid Report)> LinkReports = Pairs("link-reports.csv", "link_id", "report_id");

    public static readonly CsvTable<MissingEpisode> MissingEpisodes = new("missing-episodes.csv",
        ["id", "agency_id", "person_id", "missing_from", "returned_at", "found_longitude", "found_latitude", "from_care", "notes",
            .. CsvFields.RestrictionHeader],
        e => [Id(e.Id), Id(e.AgencyId), Id(e.PersonId), CsvFields.Time(e.MissingFrom), CsvFields.Time(e.ReturnedAt),
            e.FoundLocation is null ? null : CsvFields.Degrees(e.FoundLocation.X), e.FoundLocation is null ? null : CsvFields.Degrees(e.FoundLocation.Y),
            e.FromCare ? "true" : "false", e.Notes, .. CsvFields.Restrictions(e)]);

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string? Id(Guid? id) => id?.ToString("D", CultureInfo.InvariantCulture);

    private static CsvTable<(Guid, Guid)> Pairs(string fileName, string first, string second) =>
        new(fileName, [first, second], pair => [Id(pair.Item1), Id(pair.Item2)]);
}
