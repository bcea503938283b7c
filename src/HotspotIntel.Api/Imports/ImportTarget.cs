using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// What one kind of import brings in: the fields its files hold, how a row becomes a record under the JSON API's own
/// rules, and how the record is written to a binary COPY. PostgreSQL refuses COPY FROM into a table under row-level
/// security, so rows are copied into a temporary staging table of the same columns and inserted from it in one
/// statement: the insert policies check every row, and the audit trigger logs the import as one act of collection.
/// </summary>
internal abstract class ImportTarget<TRecord> where TRecord : RecordRestrictions
{
    /// <summary>The columns every target ends with, in the order <see cref="WriteRestrictionsAsync"/> writes them.</summary>
    protected const string RestrictionColumns =
        "agency_id, handling_code, handling_conditions, security_marking, lawful_basis, review_on, created_at, updated_at, import_id";

    private const string StagingTable = "import_staging";

    public abstract ImportKind Kind { get; }

    /// <summary>The fields besides the location, which every row has.</summary>
    public abstract IReadOnlyList<ImportField> Fields { get; }

    /// <summary>The table the records go to.</summary>
    protected abstract string Table { get; }

    /// <summary>
    /// The columns <see cref="WriteAsync"/> writes, in order, ending with <see cref="RestrictionColumns"/>. Columns the
    /// database fills (generated, or defaulted like a report's <c>mentions_child</c>) are left out.
    /// </summary>
    protected abstract string Columns { get; }

    /// <summary>Creates the staging table: the target's columns and types, none of its constraints, gone at the transaction's end.</summary>
    public string CreateStagingCommand => $"CREATE TEMPORARY TABLE {StagingTable} ON COMMIT DROP AS SELECT {Columns} FROM {Table} WITH NO DATA";

    /// <summary><c>COPY … FROM STDIN (FORMAT BINARY)</c> into the staging table.</summary>
    public string CopyCommand => $"COPY {StagingTable} ({Columns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Moves the staged rows into the table, as the session's user.</summary>
    public string InsertCommand => $"INSERT INTO {Table} ({Columns}) SELECT {Columns} FROM {StagingTable}";

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
