namespace HotspotIntel.Api.Imports;

/// <summary>Reads the data rows of an import file one at a time, so that a file of any size takes the same memory.</summary>
internal abstract class ImportRowReader : IAsyncDisposable
{
    /// <summary>Problems with the file as a whole (a CSV header, a GeoJSON collection member), reported as row 0.</summary>
    public List<RowError> FileErrors { get; } = [];

    /// <summary>The row <see cref="ReadAsync"/> moved to; the same object, refilled, for every row.</summary>
    public abstract ImportRow Current { get; }

    public static ImportRowReader Create(ImportFormat format, Stream file, IReadOnlyList<ImportField> fields) => format switch
    {
        ImportFormat.Csv => new CsvRowReader(file, fields),
        _ => new GeoJsonRowReader(file, fields),
    };

    /// <summary>Reads what comes before the rows (the CSV header, the collection's members), checking it into <see cref="FileErrors"/>.</summary>
    /// <exception cref="MalformedImportException">The file cannot be read as its format.</exception>
    public abstract ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>Moves to the next row; false at the end of the file.</summary>
    /// <exception cref="MalformedImportException">The file cannot be read as its format.</exception>
    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>An import file that cannot be read as its format at all (bad CSV quoting, not JSON), at <paramref name="row"/> (0: before the rows).</summary>
internal sealed class MalformedImportException(int row, string message) : Exception(message)
{
    public int Row { get; } = row;
}
