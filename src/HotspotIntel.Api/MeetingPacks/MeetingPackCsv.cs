using System.Globalization;
using CsvHelper;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// One table of the pack as CSV (RFC 4180, UTF-8, CsvHelper), the values exactly as the HTML and PDF show them. A cell
/// that is a plain number (an optional minus sign, digits, a decimal point) is written as a number, so "-51.3" stays a
/// negative change; any other cell is text, and text that a spreadsheet would run as a formula (starting =, +, -, @, tab
/// or carriage return) is escaped with ' by CsvHelper's injection guard (OWASP CSV injection).
/// </summary>
public static class MeetingPackCsv
{
    private const NumberStyles PlainNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\r\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
    };

    public static byte[] Render(PackTable table)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, Options, leaveOpen: true))
        {
            foreach (var row in table.Rows.Prepend(table.Columns))
            {
                foreach (var cell in row)
                {
                    // decimal keeps the digits it was given ("0.50" stays "0.50"): the number reads as the PDF shows it.
                    if (decimal.TryParse(cell, PlainNumber, CultureInfo.InvariantCulture, out var number))
                    {
                        csv.WriteField(number, "");
                    }
                    else
                    {
                        csv.WriteField(cell);
                    }
                }

                csv.EndRecord();
            }
        }

        return bytes.ToArray();
    }
}
