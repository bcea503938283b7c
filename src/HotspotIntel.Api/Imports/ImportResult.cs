using HotspotIntel.Api.Data;

namespace HotspotIntel.Api.Imports;

/// <summary>A committed bulk import: what a successful import, a replayed retry and <c>GET /api/imports/{id}</c> return.</summary>
public sealed record ImportResult(Guid ImportId, ImportKind Kind, int RowCount, DateTimeOffset ImportedAt)
{
    public static ImportResult Of(Import import) => new(import.Id, import.Kind, import.RowCount, import.ImportedAt);
}

/// <summary>
/// Why one row of an import file was refused: <c>row</c> is the 1-based data row (CSV, header not counted) or feature
/// (GeoJSON), 0 for the file as a whole (its header or collection); <c>field</c> is the column or property as the file names it.
/// </summary>
public sealed record RowError(int Row, string Field, string Reason);
