using System.Globalization;
using System.Net;
using System.Text;
using HotspotIntel.Api.Data;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// The pack as one HTML page for the screen: its marking and handling conditions at the top and foot (and, printed,
/// on every page), each hotspot's map and trend chart as inline SVG, and every table as the CSV and PDF show it.
/// </summary>
public static class MeetingPackHtml
{
    public static byte[] Render(MeetingPackContent pack)
    {
        var marking = MeetingPackText.Marking(pack);
        var handling = MeetingPackText.Handling(pack);
        var html = new StringBuilder();
        Open(html, pack.Title, marking, handling);
        foreach (var line in MeetingPackText.Summary(pack))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(line)}</p>\n");
        }

        if (pack.Kind == MeetingPackKind.Tasking)
        {
            html.Append("<h2>Hotspots: maps and trends</h2>\n");
        }

        if (pack.Hotspots.Count == 0 && pack.Kind == MeetingPackKind.Tasking)
        {
            html.Append("<p>No new, intensifying or persistent hotspot in the area that you may see.</p>\n");
        }

        foreach (var hotspot in pack.Hotspots)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption><strong>{E(MeetingPackText.HotspotHeading(hotspot))}</strong></figcaption>\n");
            var map = new SvgCanvas(515, 262);
            PackDrawing.Map(map, hotspot, pack.Basemap, 0, 0, 515, 250);
            html.Append(map.ToSvg($"Map of hotspot {hotspot.Id}"));
            var chart = new SvgCanvas(515, 90);
            PackDrawing.TrendChart(chart, hotspot, 0, 0, 515, 90);
            html.Append(chart.ToSvg($"Reports per run in hotspot {hotspot.Id}"));
            html.Append("</figure>\n");
        }

        foreach (var table in pack.Tables)
        {
            Table(html, table);
        }

        Close(html, marking, handling);
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>The page's head, styles, and the marking and handling conditions at its top, then its title as a heading.</summary>
    internal static void Open(StringBuilder html, string title, string marking, string handling) =>
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(marking)}} {{E(title)}}</title>
            <style>
            body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #000; }
            .marking { text-align: center; font-weight: bold; } .handling { text-align: center; font-size: 0.8em; }
            header, footer { border-bottom: 1px solid #000; margin-bottom: 1em; } footer { border-top: 1px solid #000; border-bottom: none; margin-top: 2em; }
            table { border-collapse: collapse; font-size: 0.8em; margin-bottom: 1em; } th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }
            th { background: #e6e6e6; } figure { margin: 0 0 1.5em 0; }
            @media print { header, footer { position: fixed; left: 0; right: 0; background: #fff; } header { top: 0; } footer { bottom: 0; } }
            </style></head><body>
            <header><div class="marking">{{E(marking)}}</div><div class="handling">{{E(handling)}}</div></header>
            <main>
            <h1>{{E(title)}}</h1>
            """);

    /// <summary>One table as the CSV and PDF show it, under its title and note.</summary>
    internal static void Table(StringBuilder html, PackTable table)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{E(table.Id)}\"><h2>{E(table.Title)}</h2><p>{E(table.Note)}</p>\n<table><thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(column)}</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(cell)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append(table.Rows.Count == 0 ? "</tbody></table><p>None.</p></section>\n" : "</tbody></table></section>\n");
    }

    /// <summary>The marking and handling conditions at the page's foot, and its end.</summary>
    internal static void Close(StringBuilder html, string marking, string handling) =>
        html.Append(CultureInfo.InvariantCulture, $$"""
            </main>
            <footer><div class="marking">{{E(marking)}}</div><div class="handling">{{E(handling)}}</div></footer>
            </body></html>
            """);

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    private sealed class SvgCanvas(double width, double height) : IPackCanvas
    {
        private static int _clipIds;
        private readonly StringBuilder _body = new();

        public void Path(IReadOnlyList<IReadOnlyList<(double X, double Y)>> rings, string? fill, string? stroke, double width, bool closed)
        {
            var d = new StringBuilder();
            foreach (var ring in rings.Where(r => r.Count >= 2))
            {
                d.Append(CultureInfo.InvariantCulture, $"M{ring[0].X:0.##},{ring[0].Y:0.##}");
                foreach (var (x, y) in ring.Skip(1))
                {
                    d.Append(CultureInfo.InvariantCulture, $"L{x:0.##},{y:0.##}");
                }

                if (closed)
                {
                    d.Append('Z');
                }
            }

            _body.Append(CultureInfo.InvariantCulture,
                $"<path d=\"{d}\" fill=\"{(closed && fill is not null ? fill : "none")}\" fill-rule=\"evenodd\" stroke=\"{stroke ?? "none"}\" stroke-width=\"{width:0.##}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>");
        }

        public void Text(double x, double y, string text, double size, TextAnchor anchor = TextAnchor.Start, bool bold = false, string colour = "#000000")
        {
            var textAnchor = anchor switch { TextAnchor.Middle => "middle", TextAnchor.End => "end", _ => "start" };
            _body.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x:0.##}\" y=\"{y:0.##}\" font-size=\"{size:0.##}\" text-anchor=\"{textAnchor}\" fill=\"{colour}\"{(bold ? " font-weight=\"bold\"" : "")}>{E(text)}</text>");
        }

        public void BeginClip(double x, double y, double width, double height)
        {
            var id = $"clip{Interlocked.Increment(ref _clipIds)}";
            _body.Append(CultureInfo.InvariantCulture,
                $"<clipPath id=\"{id}\"><rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\"/></clipPath><g clip-path=\"url(#{id})\">");
        }

        public void EndClip() => _body.Append("</g>");

        public string ToSvg(string label) => string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{E(label)}\" width=\"{width:0.##}\" height=\"{height:0.##}\" viewBox=\"0 0 {width:0.##} {height:0.##}\" font-family=\"DejaVu Sans, sans-serif\">{_body}</svg>\n");
    }
}
