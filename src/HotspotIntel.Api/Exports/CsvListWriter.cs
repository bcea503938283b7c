using CsvHelper;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace HotspotIntel.Api.Exports;

/// <summary>
/// Writes a list as RFC 4180 CSV with CsvHelper: <c>id</c>, the geometry (two coordinate columns named for the CRS's
/// axes for point lists, else <c>wkt</c>), then the list's columns, the last of them each row's marking. Times are ISO
/// 8601 in UTC and numbers invariant and round-tripping; text that a spreadsheet would run as a formula is escaped.
/// </summary>
internal sealed class CsvListWriter : IListWriter
{
    private const string Time = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
    private static readonly WKTWriter Wkt = new();

    // Excel opens UTF-8 only with a byte order mark; CsvHelper, GDAL and pandas skip it. A narrative starting "=" must stay text.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    private readonly CsvWriter _csv;
    private readonly ListGeometry _geometry;

    public CsvListWriter(Stream output, IListTable table, OutputCrs crs)
    {
        _csv = CsvWriter.Create(output, Options, leaveOpen: true);
        _geometry = table.Geometry;
        _csv.WriteField("id");
        foreach (var name in GeometryColumns(table.Geometry, crs))
        {
            _csv.WriteField(name);
        }

        foreach (var column in table.Columns)
        {
            _csv.WriteField(column.Name);
        }

        _csv.EndRecord();
    }

    /// <summary>The geometry's columns: longitude and latitude, easting and northing, or wkt.</summary>
    public static IReadOnlyList<string> GeometryColumns(ListGeometry geometry, OutputCrs crs) => geometry switch
    {
        ListGeometry.None => [],
        ListGeometry.Point when crs.IsGeographic => crs.LatitudeFirst ? ["latitude", "longitude"] : ["longitude", "latitude"],
        ListGeometry.Point => ["easting", "northing"],
        _ => ["wkt"],
    };

    public void Write(ListRow row, Geometry? geometry)
    {
        _csv.WriteField(row.Id.ToString());
        if (_geometry == ListGeometry.Point)
        {
            WriteValue((geometry as Point)?.X);
            WriteValue((geometry as Point)?.Y);
        }
        else if (_geometry == ListGeometry.Any)
        {
            _csv.WriteField(geometry is null ? "" : Wkt.Write(geometry));
        }

        foreach (var value in row.Values)
        {
            WriteValue(value);
        }

        _csv.EndRecord();
    }

    public async Task FinishAsync(SecurityMarking marking, CancellationToken cancellationToken)
    {
        await _csv.FlushAsync(cancellationToken);
        await _csv.DisposeAsync();
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                _csv.WriteField("");
                break;
            case string text:
                _csv.WriteField(text);
                break;
            case double number:
                _csv.WriteField(number, "R");
                break;
            case long number:
                _csv.WriteField(number, default);
                break;
            case int number:
                _csv.WriteField(number, default);
                break;
            case bool flag:
                _csv.WriteField(flag);
                break;
            case DateTimeOffset time:
                _csv.WriteField(time.ToUniversalTime(), Time);
                break;
            case DateOnly day:
                _csv.WriteField(day, "yyyy-MM-dd");
                break;
            default:
                throw new InvalidOperationException($"A list column gave a {value.GetType().Name}, which no column type writes.");
        }
    }
}
