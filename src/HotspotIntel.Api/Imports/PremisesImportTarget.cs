using HotspotIntel.Api.Data;
using HotspotIntel.Api.Premises;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Imports;

/// <summary>Premises from a file: each row is read into a <see cref="PremisesRequest"/> and checked by <see cref="PremisesRules"/>.</summary>
internal sealed class PremisesImportTarget(RecordingContext recording) : ImportTarget<PremisesEntity>
{
    internal static readonly ImportField[] FileFields =
    [
        new("name", Required: true),
        new("premisesType", Required: true),
        new("address", Required: true),
        new("postcode"),
        new("uprn"),
        new("licenceNumber"),
        new("licensingAuthority"),
        .. RestrictionFields,
    ];

    public override ImportKind Kind => ImportKind.Premises;

    public override IReadOnlyList<ImportField> Fields => FileFields;

    protected override string Table => "premises";

    protected override string Columns =>
        $"id, name, premises_type, address, postcode, uprn, licence_number, licensing_authority, location, {RestrictionColumns}";

    public override PremisesEntity? Read(ImportRow row, Import import)
    {
        var request = new PremisesRequest
        {
            Name = row.RequiredText("name"),
            PremisesType = row.Code<PremisesType>("premisesType"),
            Address = row.RequiredText("address"),
            Postcode = row.Text("postcode"),
            Uprn = row.OptionalLong("uprn"),
            LicenceNumber = row.Text("licenceNumber"),
            LicensingAuthority = row.Text("licensingAuthority"),
            Location = row.Location(),
            CoordinateSystem = row.CoordinateSystem,
            HandlingCode = row.Code<HandlingCode>("handlingCode"),
            HandlingConditions = row.Text("handlingConditions"),
            SecurityMarking = row.Code<SecurityMarking>("securityMarking"),
            LawfulBasis = row.Code<LawfulBasis>("lawfulBasis"),
            ReviewOn = row.OptionalDate("reviewOn"),
        };

        // A field that could not be read has a placeholder value; the rules would only add confusing errors about it.
        if (row.Errors.Any)
        {
            return null;
        }

        var now = recording.Now;
        var premises = new PremisesEntity
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = import.AgencyId,
            Name = "",
            Address = "",
            Location = Point.Empty,
            CreatedAt = now,
        };
        PremisesRules.Apply(request, premises, recording, row.Errors);
        return row.Errors.Any ? null : premises;
    }

    public override async Task WriteAsync(NpgsqlBinaryImporter copy, PremisesEntity premises, Guid importId, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(premises.Id, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(premises.Name, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(EnumCodes<PremisesType>.ToCode(premises.PremisesType), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(premises.Address, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, premises.Postcode, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, premises.Uprn, NpgsqlDbType.Bigint, cancellationToken);
        await WriteNullableAsync(copy, premises.LicenceNumber, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, premises.LicensingAuthority, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(premises.Location, NpgsqlDbType.Geometry, cancellationToken);
        await WriteRestrictionsAsync(copy, premises, importId, cancellationToken);
    }
}
