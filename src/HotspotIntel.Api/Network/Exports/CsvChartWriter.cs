using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Writes a network as CSV node and link lists (RFC 4180, UTF-8, a header row; Gephi's data laboratory imports them as
/// they are: <c>id</c>/<c>label</c> for nodes, <c>source</c>/<c>target</c> for links), zipped with the disclosure stamp
/// in <c>MARKING.txt</c>. Every row carries its own marking, so a list taken out of the zip still says how to handle it.
/// </summary>
public static class CsvChartWriter
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n" };

    public static readonly string[] NodeHeader = ["id", "label", "kind", "detail", "agency_id", "handling_code", "security_marking", "hop",
        "longitude", "latitude", "degree", "betweenness", "eigenvector", "community"];

    public static readonly string[] LinkHeader = ["id", "source", "target", "derivation", "link_type", "grading", "starts_on", "ends_on",
        "evidence_count", "agency_ids", "security_marking"];

    public static byte[] Write(ChartExport export)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var marking = new StreamWriter(zip.CreateEntry("MARKING.txt").Open(), new UTF8Encoding(false)))
            {
                marking.Write(export.Stamp + "\n");
            }

            WriteTable(zip, "nodes.csv", NodeHeader, export.Network.Nodes.Select(node => new[]
            {
                node.Id.ToString(), node.Label, ChartExport.Code(node.Kind), node.Detail, node.AgencyId.ToString(), ChartExport.Code(node.HandlingCode),
                ChartExport.Code(node.SecurityMarking), Number(node.Hop), Number(node.Longitude), Number(node.Latitude), Number(node.Metrics?.Degree),
                Number(node.Metrics?.Betweenness), Number(node.Metrics?.Eigenvector), Number(node.Metrics?.Community),
            }));
            WriteTable(zip, "links.csv", LinkHeader, export.Network.Links.Select(link => new[]
            {
                link.Id.ToString(), link.From.ToString(), link.To.ToString(), ChartExport.Code(link.Derivation), ChartExport.TypeOf(link), link.Grading,
                ChartExport.Date(link.StartsOn), ChartExport.Date(link.EndsOn), Number(link.EvidenceCount), string.Join(" ", link.AgencyIds),
                ChartExport.Code(link.SecurityMarking),
            }));
        }

        return stream.ToArray();
    }

    private static void WriteTable(ZipArchive zip, string name, string[] header, IEnumerable<string?[]> rows)
    {
        using var csv = CsvWriter.Create(zip.CreateEntry(name).Open(), Options, leaveOpen: false);
        csv.WriteRecord(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
