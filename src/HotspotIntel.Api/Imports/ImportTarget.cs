using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// What one kind of import brings in: the fields its files hold, how a row becomes a record under the JSON API's own
/// rules, and how the record is written to a binary COPY into its table.
/// </summary>
internal abstract class ImportTarget<TRecord> where TRecord : RecordRestrictions
{
    /// <summary>The columns every target ends with, in the order <see cref="WriteRestrictionsAsync"/> writes them.</summary>
    protected const string RestrictionColumns =
        "agency_id, handling_code, handling_conditions, security_marking, lawful_basis, review_on, created_at, updated_at, import_id";

    public abstract ImportKind Kind { get; }

    /// <summary>The fields besides the location, which every row has.</summary>
    public abstract IReadOnlyList<ImportField> Fields { get; }

    /// <summary><c>COPY … FROM STDIN (FORMAT BINARY)</c> naming the columns <see cref="WriteAsync"/> writes, in order.</summary>
    public abstract string CopyCommand { get; }

    /// <summary>The row as a record of <paramref name="import"/>, or null when the row's errors say why it cannot be one.</summary>
    public abstract TRecord? Read(ImportRow row, Import import);

    public abstract Task WriteAsync(NpgsqlBinaryImporter copy, TRecord record, Guid importId, CancellationToken cancellationToken);

    /// <summary>The fields of <see cref="RestrictionColumns"/> that a file gives; the agency and the times are the import's.</summary>
    protected static IEnumerable<ImportField> RestrictionFields =>
    [
        new("handlingCode", Required: true),
        new("handlingConditions"),
        new("securityMarking", Required: true),
        new("lawfulBasis", Required: true),
        new("reviewOn"),
    ];

    protected static async Task WriteRestrictionsAsync(NpgsqlBinaryImporter copy, RecordRestrictions record, Guid importId,
        CancellationToken cancellationToken)
    {
        await copy.WriteAsync(record.AgencyId, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(EnumCodes<HandlingCode>.ToCode(record.HandlingCode), NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, record.HandlingConditions, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(EnumCodes<SecurityMarking>.ToCode(record.SecurityMarking), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(EnumCodes<LawfulBasis>.ToCode(record.LawfulBasis), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(record.ReviewOn, NpgsqlDbType.Date, cancellationToken);
        await WriteTimestampAsync(copy, record.CreatedAt, cancellationToken);
        await WriteTimestampAsync(copy, record.UpdatedAt, cancellationToken);
        await copy.WriteAsync(importId, NpgsqlDbType.Uuid, cancellationToken);
    }

    protected static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    // Npgsql writes timestamptz only from UTC values.
    protected static Task WriteTimestampAsync(NpgsqlBinaryImporter copy, DateTimeOffset value, CancellationToken cancellationToken) =>
        copy.WriteAsync(value.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
}
