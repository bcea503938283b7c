using HotspotIntel.Bench.City;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Bench.Seeding;

/// <summary>
/// Loads a whole city into the tables of migrations/0001_records_schema.sql with binary COPY, parents before children,
/// on the caller's connection and transaction. Enum columns get their <see cref="EnumCodes{TEnum}"/> codes.
/// </summary>
internal static class DatasetCopier
{
    /// <param name="copied">Told each table's rows and how long its COPY took (with its triggers), as it ends.</param>
    public static async Task<IReadOnlyDictionary<string, ulong>> CopyAsync(NpgsqlConnection connection, CityDataset dataset, CancellationToken cancellationToken,
        Action<string, ulong, TimeSpan>? copied = null)
    {
        var city = dataset.City;
        var rows = new Dictionary<string, ulong>();
        async Task Table<T>(string table, string columns, IEnumerable<T> records, Func<NpgsqlBinaryImporter, T, Task> write)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            rows[table] = await CopyAsync(connection, $"{table} ({columns})", records, write, cancellationToken);
            copied?.Invoke(table, rows[table], System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        await Table("agencies", "id, code, name, kind", city.Agencies.All, async (row, a) =>
        {
            await row.WriteAsync(a.Id, NpgsqlDbType.Uuid, cancellationToken);
            await row.WriteAsync(a.Code, NpgsqlDbType.Text, cancellationToken);
            await row.WriteAsync(a.Name, NpgsqlDbType.Text, cancellationToken);
            await row.WriteAsync(EnumCodes<Core.Agencies.AgencyKind>.ToCode(a.Kind), NpgsqlDbType.Text, cancellationToken);
        });
        // The demo partnership shares P-coded records between all its partners, as a real CSE partnership's
        // information-sharing agreement does; C-coded records stay with their owner.
        var partners = city.Agencies.All;
        var agreementsFrom = DateOnly.FromDateTime(ReportingWindow.Start.AddYears(-1).UtcDateTime);
        await Table("sharing_agreements", "id, owner_agency_id, partner_agency_id, purpose, starts_on, created_at",
            partners.SelectMany(owner => partners.Where(partner => partner.Id != owner.Id).Select(partner => (Owner: owner.Id, Partner: partner.Id))),
            async (row, agreement) =>
            {
                await row.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await WritePairAsync(row, (agreement.Owner, agreement.Partner), cancellationToken);
                await row.WriteAsync("Synthetic demo partnership: CSE information-sharing agreement", NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(agreementsFrom, NpgsqlDbType.Date, cancellationToken);
                await row.WriteAsync(ReportingWindow.Start.AddYears(-1), NpgsqlDbType.TimestampTz, cancellationToken);
            });
        await Table("premises", $"id, name, premises_type, address, postcode, uprn, licence_number, licensing_authority, location, {Restrictions}",
            city.Premises, async (row, p) =>
            {
                await row.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(p.Name, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Premises.PremisesType>.ToCode(p.PremisesType), NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(p.Address, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, p.Postcode, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, p.Uprn, NpgsqlDbType.Bigint, cancellationToken);
                await WriteOrNullAsync(row, p.LicenceNumber, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, p.LicensingAuthority, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(p.Location, NpgsqlDbType.Geometry, cancellationToken);
                await WriteRestrictionsAsync(row, p, cancellationToken);
            });
        await Table("locations", $"id, name, location_type, geometry, {Restrictions}", city.Locations, async (row, l) =>
        {
            await row.WriteAsync(l.Id, NpgsqlDbType.Uuid, cancellationToken);
            await row.WriteAsync(l.Name, NpgsqlDbType.Text, cancellationToken);
            await row.WriteAsync(EnumCodes<Core.Locations.LocationType>.ToCode(l.LocationType), NpgsqlDbType.Text, cancellationToken);
            await row.WriteAsync(l.Geometry, NpgsqlDbType.Geometry, cancellationToken);
            await WriteRestrictionsAsync(row, l, cancellationToken);
        });
        await Table("vehicles", $"id, registration_mark, make, model, colour, licence_type, plate_number, licensing_authority, {Restrictions}",
            city.Vehicles, async (row, v) =>
            {
                await row.WriteAsync(v.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(v.RegistrationMark, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, v.Make, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, v.Model, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, v.Colour, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Vehicles.VehicleLicenceType>.ToCode(v.LicenceType), NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, v.PlateNumber, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, v.LicensingAuthority, NpgsqlDbType.Text, cancellationToken);
                await WriteRestrictionsAsync(row, v, cancellationToken);
            });
        await Table("persons", $"id, role, family_name, given_names, aliases, date_of_birth, description, {Restrictions}",
            dataset.Persons, async (row, p) =>
            {
                await row.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Persons.PersonRole>.ToCode(p.Role), NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(p.FamilyName, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(p.GivenNames, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(p.Aliases.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, p.DateOfBirth, NpgsqlDbType.Date, cancellationToken);
                await WriteOrNullAsync(row, p.Description, NpgsqlDbType.Text, cancellationToken);
                await WriteRestrictionsAsync(row, p, cancellationToken);
            });
        await Table("intelligence_reports", "id, category, narrative, occurred_at, recorded_at, location, location_precision_meters, "
            + $"source_evaluation, intelligence_assessment, historic_grading, indicator_codes, {Restrictions}", dataset.Reports, async (row, r) =>
            {
                await row.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Reports.ReportCategory>.ToCode(r.Category), NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(r.Narrative, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await row.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await row.WriteAsync(r.Location, NpgsqlDbType.Geometry, cancellationToken);
                await row.WriteAsync(r.LocationPrecisionMeters, NpgsqlDbType.Integer, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Grading.SourceEvaluation>.ToCode(r.SourceEvaluation), NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Grading.IntelligenceAssessment>.ToCode(r.IntelligenceAssessment), NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(row, r.HistoricGrading, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(r.IndicatorCodes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await WriteRestrictionsAsync(row, r, cancellationToken);
            });
        await Table("report_persons", "report_id, person_id", dataset.Reports.SelectMany(r => r.Persons.Select(p => (r.Id, p.Id))), PairAsync);
        await Table("report_premises", "report_id, premises_id", dataset.Reports.SelectMany(r => r.Premises.Select(p => (r.Id, p.Id))), PairAsync);
        await Table("report_vehicles", "report_id, vehicle_id", dataset.Reports.SelectMany(r => r.Vehicles.Select(v => (r.Id, v.Id))), PairAsync);
        await Table("report_locations", "report_id, location_id", dataset.Reports.SelectMany(r => r.Locations.Select(l => (r.Id, l.Id))), PairAsync);
        await Table("links", "id, kind, link_type, person_id, related_person_id, premises_id, vehicle_id, location_id, starts_on, ends_on, notes, "
            + Restrictions, dataset.Links, async (row, l) =>
            {
                await row.WriteAsync(l.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Links.LinkKind>.ToCode(l.Kind), NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(EnumCodes<Core.Links.LinkType>.ToCode(l.LinkType), NpgsqlDbType.Text, cancellationToken);
                foreach (var end in new[] { l.PersonId, l.RelatedPersonId, l.PremisesId, l.VehicleId, l.LocationId })
                {
                    await WriteOrNullAsync(row, end, NpgsqlDbType.Uuid, cancellationToken);
                }

                await WriteOrNullAsync(row, l.StartsOn, NpgsqlDbType.Date, cancellationToken);
                await WriteOrNullAsync(row, l.EndsOn, NpgsqlDbType.Date, cancellationToken);
                await WriteOrNullAsync(row, l.Notes, NpgsqlDbType.Text, cancellationToken);
                await WriteRestrictionsAsync(row, l, cancellationToken);
            });
        await Table("link_reports", "link_id, report_id", dataset.Links.SelectMany(l => l.SourceReports.Select(r => (l.Id, r.Id))), PairAsync);
        await Table("missing_episodes", $"id, person_id, missing_from, returned_at, found_location, from_care, notes, {Restrictions}",
            dataset.MissingEpisodes, async (row, e) =>
            {
                await row.WriteAsync(e.Id, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(e.PersonId, NpgsqlDbType.Uuid, cancellationToken);
                await row.WriteAsync(e.MissingFrom, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteOrNullAsync(row, e.ReturnedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteOrNullAsync(row, e.FoundLocation, NpgsqlDbType.Geometry, cancellationToken);
                await row.WriteAsync(e.FromCare, NpgsqlDbType.Boolean, cancellationToken);
                await WriteOrNullAsync(row, e.Notes, NpgsqlDbType.Text, cancellationToken);
                await WriteRestrictionsAsync(row, e, cancellationToken);
            });
        return rows;

        Task PairAsync(NpgsqlBinaryImporter row, (Guid, Guid) pair) => WritePairAsync(row, pair, cancellationToken);
    }

    /// <summary>The columns <see cref="WriteRestrictionsAsync"/> fills, in its order.</summary>
    private const string Restrictions =
        "agency_id, handling_code, handling_conditions, security_marking, lawful_basis, review_on, created_at, updated_at";

    private static async Task WriteRestrictionsAsync(NpgsqlBinaryImporter row, RecordRestrictions record, CancellationToken cancellationToken)
    {
        await row.WriteAsync(record.AgencyId, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(EnumCodes<Core.Grading.HandlingCode>.ToCode(record.HandlingCode), NpgsqlDbType.Text, cancellationToken);
        await WriteOrNullAsync(row, record.HandlingConditions, NpgsqlDbType.Text, cancellationToken);
        await row.WriteAsync(EnumCodes<SecurityMarking>.ToCode(record.SecurityMarking), NpgsqlDbType.Text, cancellationToken);
        await row.WriteAsync(EnumCodes<LawfulBasis>.ToCode(record.LawfulBasis), NpgsqlDbType.Text, cancellationToken);
        await row.WriteAsync(record.ReviewOn, NpgsqlDbType.Date, cancellationToken);
        await row.WriteAsync(record.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await row.WriteAsync(record.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task WritePairAsync(NpgsqlBinaryImporter row, (Guid First, Guid Second) pair, CancellationToken cancellationToken)
    {
        await row.WriteAsync(pair.First, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(pair.Second, NpgsqlDbType.Uuid, cancellationToken);
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? row.WriteNullAsync(cancellationToken) : row.WriteAsync(value, type, cancellationToken);

    private static async Task<ulong> CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> records,
        Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var record in records)
        {
            await importer.StartRowAsync(cancellationToken);
            await write(importer, record);
        }

        return await importer.CompleteAsync(cancellationToken);
    }
}
