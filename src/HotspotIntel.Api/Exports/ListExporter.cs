using System.Text.Json;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Exports;

/// <summary>
/// Writes the whole of a list, as its filter selects it, to a temporary file: page by page on the list's key (never
/// OFFSET, so every row is read once however long the list), each page's geometries transformed in one query. The file
/// is written before it is sent because its marking, the strictest of its rows, goes into the file name.
/// </summary>
internal static class ListExporter
{
    public const int PageSize = 1000;

    public static async Task<ExportFile> WriteAsync(HotspotIntelDbContext db, IListTable table, object filter, Polygon? area, OutputCrs crs,
        ExportFormat format, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"hotspotintel-export-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            IListWriter writer = format == ExportFormat.Csv ? new CsvListWriter(file, table, crs) : new GeoJsonListWriter(file, table, crs, json);
            var marking = SecurityMarking.Official;
            var keys = new List<Guid>();
            Guid? after = null;
            while (true)
            {
                var page = await table.PageAsync(db, filter, area, after, null, PageSize, cancellationToken);
                var geometries = await CrsTransform.FromStoredAsync(db, [.. page.Rows.Select(row => row.Geometry)], crs, cancellationToken);
                for (var i = 0; i < page.Rows.Count; i++)
                {
                    writer.Write(page.Rows[i], geometries[i]);
                    marking = ListColumns.Stricter(marking, page.Rows[i].Marking);
                    keys.Add(page.Rows[i].Id);
                }

                if (!page.MoreBeyond)
                {
                    break;
                }

                after = page.Rows[^1].Id;
            }

            await writer.FinishAsync(marking, cancellationToken);
            file.Position = 0;
            return new ExportFile(file, marking, keys);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
