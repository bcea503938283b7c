using CsvHelper;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// Reads an RFC 4180 CSV file (UTF-8, comma-separated, a header of snake_case column names in any order) with CsvHelper.
/// The location is two columns: <c>longitude</c> and <c>latitude</c> (WGS84), or <c>easting</c> and <c>northing</c> (EPSG:27700).
/// </summary>
internal sealed class CsvRowReader : ImportRowReader
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        TrackLineNumbers = true,
        // A quote that is never closed would otherwise buffer the rest of the file as one record; a report is far smaller.
        MaxRecordSize = 1024 * 1024,
    };

    private static readonly (string X, string Y, CoordinateSystem System)[] CoordinatePairs =
    [
        ("longitude", "latitude", CoordinateSystem.Wgs84),
        ("easting", "northing", CoordinateSystem.BritishNationalGrid),
    ];

    private readonly CsvReader _csv;
    private readonly IReadOnlyList<ImportField> _fields;
    private readonly Dictionary<string, int> _indexByField = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _columnByField = new(StringComparer.Ordinal);
    private readonly Row _row;
    private int _headerCount;
    private (string Name, int Index) _x;
    private (string Name, int Index) _y;
    private CoordinateSystem _coordinateSystem;

    public CsvRowReader(Stream file, IReadOnlyList<ImportField> fields)
    {
        _csv = CsvReader.Create(file, Options, leaveOpen: true);
        _fields = fields;
        _row = new Row(this);
        foreach (var field in fields)
        {
            _columnByField[field.Name] = field.Column;
        }
    }

    public override ImportRow Current => _row;

    public override async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _csv.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException malformed)
        {
            throw new MalformedImportException(0, malformed.Message);
        }

        var header = _csv.Headers;
        _headerCount = header.Count;
        if (_headerCount > 0)
        {
            CheckHeader(header);
        }
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _csv.ReadAsync(cancellationToken))
            {
                return false;
            }
        }
        catch (CsvFormatException malformed)
        {
            // The exception counts the header as record 1.
            throw new MalformedImportException((int)Math.Max(0, malformed.RecordNumber - 1), malformed.Message);
        }

        _row.Next((int)_csv.RowNumber);
        if (_csv.FieldCount != _headerCount)
        {
            _row.Errors.Add("$", $"Has {_csv.FieldCount} fields; the header has {_headerCount}.");
        }

        return true;
    }

    public override ValueTask DisposeAsync() => _csv.DisposeAsync();

    private void CheckHeader(IReadOnlyList<string> header)
    {
        var fieldByColumn = _fields.ToDictionary(field => field.Column, StringComparer.OrdinalIgnoreCase);
        var coordinateIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < header.Count; index++)
        {
            var column = header[index].Trim();
            if (!seen.Add(column))
            {
                FileErrors.Add(new RowError(0, column, "Appears more than once in the header."));
            }
            else if (fieldByColumn.TryGetValue(column, out var field))
            {
                _indexByField[field.Name] = index;
            }
            else if (CoordinatePairs.Any(pair => Is(column, pair.X) || Is(column, pair.Y)))
            {
                coordinateIndex[column] = index;
            }
            else
            {
                FileErrors.Add(new RowError(0, column, "Unknown column. Allowed: "
                    + string.Join(", ", _fields.Select(f => f.Column).Concat(CoordinatePairs.SelectMany(pair => new[] { pair.X, pair.Y }))) + "."));
            }
        }

        foreach (var missing in _fields.Where(field => field.Required && !_indexByField.ContainsKey(field.Name)))
        {
            FileErrors.Add(new RowError(0, missing.Column, "Missing column: every row must give it."));
        }

        CheckCoordinateColumns(coordinateIndex);
    }

    private void CheckCoordinateColumns(Dictionary<string, int> coordinateIndex)
    {
        var given = CoordinatePairs.Where(pair => coordinateIndex.ContainsKey(pair.X) || coordinateIndex.ContainsKey(pair.Y)).ToList();
        if (given.Count == 0)
        {
            FileErrors.Add(new RowError(0, "longitude,latitude", "Missing columns: the location is longitude and latitude (WGS84), or easting and northing (EPSG:27700)."));
            return;
        }

        if (given.Count > 1)
        {
            FileErrors.Add(new RowError(0, "easting,northing", "Give longitude and latitude, or easting and northing, not both."));
            return;
        }

        var (x, y, system) = given[0];
        foreach (var missing in new[] { x, y }.Where(column => !coordinateIndex.ContainsKey(column)))
        {
            FileErrors.Add(new RowError(0, missing, $"Missing column: {x} and {y} go together."));
        }

        if (FileErrors.Count == 0)
        {
            _x = (x, coordinateIndex[x]);
            _y = (y, coordinateIndex[y]);
            _coordinateSystem = system;
        }
    }

    private static bool Is(string column, string name) => string.Equals(column, name, StringComparison.OrdinalIgnoreCase);

    private sealed class Row(CsvRowReader reader) : ImportRow
    {
        public override CoordinateSystem CoordinateSystem => reader._coordinateSystem;

        public void Next(int number) => Start(number);

        public override Geometry Location()
        {
            var x = Coordinate(reader._x.Name, Value(reader._x.Index));
            var y = Coordinate(reader._y.Name, Value(reader._y.Index));
            return x is { } xValue && y is { } yValue ? new Point(xValue, yValue) : Point.Empty;
        }

        public override string FileName(string field) => field switch
        {
            "location" => $"{reader._x.Name},{reader._y.Name}",
            _ => reader._columnByField.GetValueOrDefault(field, field),
        };

        protected override string? Raw(string field) =>
            reader._indexByField.TryGetValue(field, out var index) ? Value(index) : null;

        private string? Value(int index) => reader._csv.GetString(index) is { Length: > 0 } text ? text : null;
    }
}
