using System.Security.Cryptography;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// Imports a file of reports or premises, every row or none: rows are read, checked and streamed into a binary COPY in
/// one transaction, which commits only if every row passed, together with the <c>imports</c> row whose unique
/// idempotency key makes a retry replay the first result instead of importing twice. The file is never held in memory.
/// </summary>
public sealed class Importer(NpgsqlDataSource dataSource, HotspotIntelDbContext db, RecordingContext recording)
{
    public Task<ImportOutcome> ImportAsync(ImportKind kind, ImportFormat format, Stream file, Guid agencyId, string? idempotencyKey,
        CancellationToken cancellationToken) => kind switch
        {
            ImportKind.Reports => ImportAsync(new ReportImportTarget(recording), format, file, agencyId, idempotencyKey, cancellationToken),
            _ => ImportAsync(new PremisesImportTarget(recording), format, file, agencyId, idempotencyKey, cancellationToken),
        };

    private async Task<ImportOutcome> ImportAsync<TRecord>(ImportTarget<TRecord> target, ImportFormat format, Stream file, Guid agencyId,
        string? idempotencyKey, CancellationToken cancellationToken) where TRecord : RecordRestrictions
    {
        var requestErrors = new ValidationErrors();
        if (idempotencyKey is null)
        {
            requestErrors.Add(IdempotencyKeys.Header, "Required for imports: any unique string, e.g. a UUID, so that a retry cannot import twice.");
        }

        IdempotencyKeys.Validate(idempotencyKey, requestErrors);
        await recording.CheckAgencyAsync(agencyId, requestErrors, cancellationToken);
        if (requestErrors.Any)
        {
            return new ImportOutcome.RequestInvalid(requestErrors);
        }

        // PostgreSQL keeps microseconds: the result must read the same now as when it is replayed or fetched later.
        var importedAt = new DateTimeOffset(recording.Now.UtcTicks - recording.Now.UtcTicks % 10, TimeSpan.Zero);
        var import = new Import
        {
            Id = Guid.CreateVersion7(importedAt),
            IdempotencyKey = idempotencyKey!,
            Kind = target.Kind,
            AgencyId = agencyId,
            ContentSha256 = "",
            ImportedAt = importedAt,
        };
        using var sha256 = SHA256.Create();
        await using var content = new CryptoStream(file, sha256, CryptoStreamMode.Read, leaveOpen: true);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The key is claimed before anything is read: a concurrent attempt with the same key waits here until this one
        // commits or rolls back, and then replays its result or imports in its place.
        if (!await TryClaimKeyAsync(connection, import, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayAsync(import, content, sha256, cancellationToken);
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
        await FinishAsync(connection, import, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private static async Task<bool> TryClaimKeyAsync(NpgsqlConnection connection, Import import, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand("""
            INSERT INTO imports (id, idempotency_key, kind, content_sha256, agency_id, row_count, imported_at)
            VALUES ($1, $2, $3, '', $4, 0, $5)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, connection)
        {
            Parameters =
            {
                new() { Value = import.Id },
                new() { Value = import.IdempotencyKey },
                new() { Value = EnumCodes<ImportKind>.ToCode(import.Kind) },
                new() { Value = import.AgencyId },
                new() { Value = import.ImportedAt.ToUniversalTime() },
            },
        };
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task FinishAsync(NpgsqlConnection connection, Import import, CancellationToken cancellationToken)
    {
        await using var finish = new NpgsqlCommand("UPDATE imports SET row_count = $1, content_sha256 = $2 WHERE id = $3", connection)
        {
            Parameters = { new() { Value = import.RowCount }, new() { Value = import.ContentSha256 }, new() { Value = import.Id } },
        };
        await finish.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A retry: the first import's result if this is the same file for the same agency and kind, else a conflict.</summary>
    private async Task<ImportOutcome> ReplayAsync(Import attempt, Stream content, HashAlgorithm sha256, CancellationToken cancellationToken)
    {
        await content.CopyToAsync(Stream.Null, cancellationToken);
        var contentSha256 = Convert.ToHexStringLower(sha256.Hash!);
        var first = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.IdempotencyKey == attempt.IdempotencyKey, cancellationToken);
        return first is not null && first.ContentSha256 == contentSha256 && first.Kind == attempt.Kind && first.AgencyId == attempt.AgencyId
            ? new ImportOutcome.Imported(ImportResult.Of(first), Replayed: true)
            : new ImportOutcome.KeyReused();
    }
}
