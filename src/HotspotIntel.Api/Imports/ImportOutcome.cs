using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Imports;

/// <summary>How an import ended; the API and the command line each say it in their own way.</summary>
public abstract record ImportOutcome
{
    /// <summary>The file's rows were imported, or, when <paramref name="Replayed"/>, an earlier attempt with the same key and file had imported them.</summary>
    public sealed record Imported(ImportResult Result, bool Replayed) : ImportOutcome;

    /// <summary>The request itself is wrong (the agency, the idempotency key); the file was not read.</summary>
    public sealed record RequestInvalid(ValidationErrors Errors) : ImportOutcome;

    /// <summary>The idempotency key was used before for a different file, kind or agency; nothing was imported.</summary>
    public sealed record KeyReused : ImportOutcome;

    /// <summary>The file was refused and nothing was written: it could not be read (<paramref name="Malformed"/>) or some of it is invalid.</summary>
    public sealed record FileRejected(bool Malformed, string Title, IReadOnlyList<RowError> RowErrors, int MoreRowErrors) : ImportOutcome
    {
        public int Status => Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;

        /// <summary>The title and the first few errors, as one line.</summary>
        public string Detail => RowErrors.Count == 0 ? Title : string.Join(" ", RowErrors.Take(3).Select(error => $"Row {error.Row}, {error.Field}: {error.Reason}"))
            + (RowErrors.Count + MoreRowErrors > 3 ? $" ({RowErrors.Count + MoreRowErrors - 3} more errors.)" : "");

        internal static FileRejected Invalid(string title, RowErrors errors) => new(false, title, errors.Kept, errors.More);
    }
}
