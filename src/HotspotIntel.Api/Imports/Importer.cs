using System.Security.Cryptography;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// Imports a file of reports or premises, every row or none, for the agency of the session's user (the token's for the
/// API, the operator's <c>--agency</c> for the <c>import</c> verb): rows are read, checked and streamed into a binary
/// COPY in one transaction, which commits only if every row passed, together with the <c>imports</c> row whose
/// idempotency key (per user) makes a retry replay the first result instead of importing twice. The file is never held
/// in memory. The transaction runs as the <see cref="AccessSession"/>, so row-level security checks every row and the
/// audit triggers log the import, one collection entry per table, under the user's name. A committed import is raised to
/// the <see cref="IRecordChangeFollower"/>s (the hotspot runs follow reports; a replay committed nothing and raises nothing).
/// </summary>
public sealed class Importer(NpgsqlDataSource dataSource, HotspotIntelDbContext db, RecordingContext recording, AccessSession session,
    RecordChanges changes)
{
    public async Task<ImportOutcome> ImportAsync(ImportKind kind, ImportFormat format, Stream file, string? idempotencyKey,
        CancellationToken cancellationToken) => kind switch
        {
            ImportKind.Reports => await ImportAsync(new ReportImportTarget(recording, await RiskIndicatorList.LoadAsync(db, cancellationToken)), format, file,
                idempotencyKey, cancellationToken),
            _ => await ImportAsync(new PremisesImportTarget(recording), format, file, idempotencyKey, cancellationToken),
        };

    private async Task<ImportOutcome> ImportAsync<TRecord>(ImportTarget<TRecord> target, ImportFormat format, Stream file,
        string? idempotencyKey, CancellationToken cancellationToken) where TRecord : RecordRestrictions
    {
        var requestErrors = new ValidationErrors();
        if (idempotencyKey is null)
        {
            requestErrors.Add(IdempotencyKeys.Header, "Required for imports: any unique string, e.g. a UUID, so that a retry cannot import twice.");
        }

        IdempotencyKeys.Validate(idempotencyKey, requestErrors);
        if (requestErrors.Any)
        {
            return new ImportOutcome.RequestInvalid(requestErrors);
        }

        // PostgreSQL keeps microseconds: the result must read the same now as when it is replayed or fetched later.
        var importedAt = new DateTimeOffset(recording.Now.UtcTicks - recording.Now.UtcTicks % 10, TimeSpan.Zero);
        var import = new Import
        {
            Id = Guid.CreateVersion7(importedAt),
            UserId = session.UserId,
            IdempotencyKey = idempotencyKey!,
            Kind = target.Kind,
            // The endpoints' policies admit only users of an agency; the import verb always names one.
            AgencyId = session.AgencyId ?? throw new InvalidOperationException("Only a user of an agency can import."),
            ContentSha256 = "",
            ImportedAt = importedAt,
        };
        using var sha256 = SHA256.Create();
        await using var content = new CryptoStream(file, sha256, CryptoStreamMode.Read, leaveOpen: true);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await session.ApplyAsync(connection, cancellationToken);
        // The key is locked before anything is read: a concurrent attempt with the same key waits here until this one
        // commits or rolls back, and then replays its result or imports in its place.
        if (await LockKeyAsync(connection, import, cancellationToken) is { } first)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayAsync(first, import, content, sha256, cancellationToken);
        }

        var errors = new RowErrors();
        int rowCount;
        try
        {
            await using var reader = ImportRowReader.Create(format, content, target.Fields);
            await reader.OpenAsync(cancellationToken);
            if (reader.FileErrors.Count > 0)
            {
                reader.FileErrors.ForEach(errors.Add);
                return ImportOutcome.FileRejected.Invalid(format == ImportFormat.Csv
                    ? "The file's header is not valid; nothing was imported."
                    : "The FeatureCollection is not valid; nothing was imported.", errors);
            }

            await ExecuteAsync(connection, target.CreateStagingCommand, cancellationToken);
            rowCount = await CopyAsync(target, reader, connection, import, errors, cancellationToken);
            reader.FileErrors.ForEach(errors.Add);
        }
        catch (MalformedImportException malformed)
        {
            return new ImportOutcome.FileRejected(true, "The file could not be read; nothing was imported.",
                [new RowError(malformed.Row, "$", malformed.Message)], 0);
        }

        if (errors.Any)
        {
            return ImportOutcome.FileRejected.Invalid(errors.InvalidRows == 0
                ? "The file is not valid; nothing was imported."
                : $"{errors.InvalidRows} of {rowCount} rows are not valid; nothing was imported.", errors);
        }

        if (rowCount == 0)
        {
            return new ImportOutcome.FileRejected(false, "The file has no rows; nothing was imported.", [], 0);
        }

        await content.CopyToAsync(Stream.Null, cancellationToken);
        import.RowCount = rowCount;
        import.ContentSha256 = Convert.ToHexStringLower(sha256.Hash!);
        // The import first, complete: its rows refer to it.
        await InsertImportAsync(connection, import, cancellationToken);
        await ExecuteAsync(connection, target.InsertCommand, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync<TRecord>(cancellationToken);

        return new ImportOutcome.Imported(ImportResult.Of(import), Replayed: false);
    }

    /// <summary>
    /// Streams the rows into a binary COPY, checking each; after the first invalid row nothing more is written, but the
    /// rest are still checked so the client hears of every problem at once. Returns the number of rows.
    /// </summary>
    private static async Task<int> CopyAsync<TRecord>(ImportTarget<TRecord> target, ImportRowReader reader, NpgsqlConnection connection,
        Import import, RowErrors errors, CancellationToken cancellationToken) where TRecord : RecordRestrictions
    {
        // Disposed without CompleteAsync, the COPY is cancelled and its rows never exist.
        await using var copy = await connection.BeginBinaryImportAsync(target.CopyCommand, cancellationToken);
        var rowCount = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rowCount++;
            var row = reader.Current;
            var record = target.Read(row, import);
            if (record is null)
            {
                errors.Add(row);
            }
            else if (!errors.Any)
            {
                await target.WriteAsync(copy, record, import.Id, cancellationToken);
            }
        }

        if (!errors.Any && rowCount > 0 && reader.FileErrors.Count == 0)
        {
            await copy.CompleteAsync(cancellationToken);
        }

        return rowCount;
    }

    /// <summary>
    /// Waits for the user's key (a transaction-scoped advisory lock, released at commit or rollback), then finds the
    /// import that committed with it, if any.
    /// </summary>
    private async Task<Import?> LockKeyAsync(NpgsqlConnection connection, Import import, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('imports' || chr(10) || $1 || chr(10) || $2, 0))", connection)
        {
            Parameters = { new() { Value = import.UserId }, new() { Value = import.IdempotencyKey } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
        return await db.Imports.AsNoTracking()
            .SingleOrDefaultAsync(i => i.UserId == import.UserId && i.IdempotencyKey == import.IdempotencyKey, cancellationToken);
    }

    private static async Task InsertImportAsync(NpgsqlConnection connection, Import import, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO imports (id, user_id, idempotency_key, kind, content_sha256, agency_id, row_count, imported_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection)
        {
            Parameters =
            {
                new() { Value = import.Id },
                new() { Value = import.UserId },
                new() { Value = import.IdempotencyKey },
                new() { Value = EnumCodes<ImportKind>.ToCode(import.Kind) },
                new() { Value = import.ContentSha256 },
                new() { Value = import.AgencyId },
                new() { Value = import.RowCount },
                new() { Value = import.ImportedAt.ToUniversalTime() },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // Moving a large file's rows in (a million, with their triggers) outlasts the default 30 s; the request's
        // cancellation, not a timeout, ends an import.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A retry: the first import's result if this is the same file for the same agency and kind, else a conflict.</summary>
    private static async Task<ImportOutcome> ReplayAsync(Import first, Import attempt, Stream content, HashAlgorithm sha256,
        CancellationToken cancellationToken)
    {
        await content.CopyToAsync(Stream.Null, cancellationToken);
        var contentSha256 = Convert.ToHexStringLower(sha256.Hash!);
        return first.ContentSha256 == contentSha256 && first.Kind == attempt.Kind && first.AgencyId == attempt.AgencyId
            ? new ImportOutcome.Imported(ImportResult.Of(first), Replayed: true)
            : new ImportOutcome.KeyReused();
    }
}
