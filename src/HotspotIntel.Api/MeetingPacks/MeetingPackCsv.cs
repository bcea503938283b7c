using System.Text;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>One table of the pack as CSV (RFC 4180, UTF-8), the values exactly as the HTML and PDF show them.</summary>
public static class MeetingPackCsv
{
    public static byte[] Render(PackTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(Field)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    // A cell a spreadsheet would run as a formula is prefixed with ' (OWASP CSV injection).
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
