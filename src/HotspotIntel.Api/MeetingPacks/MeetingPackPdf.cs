using System.Globalization;
using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// The pack as a PDF for the meeting (PDFsharp, laid out by hand: A4, DejaVu Sans): its marking and handling conditions
/// in the header and footer of every page with the page number, each hotspot's map and trend chart as vector paths,
/// and every table as the CSV and HTML show it.
/// </summary>
public static class MeetingPackPdf
{
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 40, Top = 78, Bottom = PageHeight - 50;
    private const double ContentWidth = PageWidth - 2 * Margin;

    public static byte[] Render(MeetingPackContent pack)
    {
        PackFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = pack.Title;
        document.Info.Subject = $"{MeetingPackText.Marking(pack)} {(pack.Kind == MeetingPackKind.ProblemProfile ? "problem profile" : "tasking meeting pack")}";
        var writer = new Writer(document);

        writer.Heading(pack.Title, 16);
        foreach (var line in MeetingPackText.Summary(pack))
        {
            writer.Paragraph(line, 9);
        }

        writer.Space(8);
        if (pack.Kind == MeetingPackKind.Tasking)
        {
            writer.Heading("Hotspots: maps and trends", 12);
        }

        if (pack.Hotspots.Count == 0 && pack.Kind == MeetingPackKind.Tasking)
        {
            writer.Paragraph("No new, intensifying or persistent hotspot in the area that you may see.", 9);
        }

        foreach (var hotspot in pack.Hotspots)
        {
            writer.Ensure(14 + 250 + 14 + 90 + 12);
            writer.Heading(MeetingPackText.HotspotHeading(hotspot), 9);
            var canvas = writer.Canvas;
            PackDrawing.Map(canvas, hotspot, pack.Basemap, Margin, writer.Y, ContentWidth, 250);
            writer.Space(250 + 14);
            PackDrawing.TrendChart(writer.Canvas, hotspot, Margin, writer.Y, ContentWidth, 90);
            writer.Space(90 + 12);
        }

        foreach (var table in pack.Tables)
        {
            writer.Table(table);
        }

        writer.Finish(pack);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Lays a pack out page by page: headings, paragraphs, tables, then the marking on every page (<see cref="Finish(string, string, string)"/>).</summary>
    internal sealed class Writer(PdfDocument document)
    {
        private readonly XFont _regular7 = new(PackFonts.Family, 7, XFontStyleEx.Regular);
        private readonly XFont _bold7 = new(PackFonts.Family, 7, XFontStyleEx.Bold);
        private XGraphics? _graphics;

        public double Y { get; private set; }

        public XGraphics Graphics => _graphics ?? NewPage();

        public IPackCanvas Canvas => new PdfCanvas(Graphics);

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _graphics = XGraphics.FromPdfPage(page);
            Y = Top;
            return _graphics;
        }

        public void Ensure(double height)
        {
            if (_graphics is null || Y + height > Bottom)
            {
                NewPage();
            }
        }

        public void Space(double height) => Y += height;

        public void Heading(string text, double size)
        {
            var font = new XFont(PackFonts.Family, size, XFontStyleEx.Bold);
            foreach (var line in Wrap(Graphics, text, font, ContentWidth))
            {
                Ensure(size * 1.4);
                Graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin, Y + size), XStringFormats.BaseLineLeft);
                Y += size * 1.4;
            }

            Y += 2;
        }

        public void Paragraph(string text, double size)
        {
            var font = new XFont(PackFonts.Family, size, XFontStyleEx.Regular);
            foreach (var line in Wrap(Graphics, text, font, ContentWidth))
            {
                Ensure(size * 1.35);
                Graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin, Y + size), XStringFormats.BaseLineLeft);
                Y += size * 1.35;
            }
        }

        public void Table(PackTable table)
        {
            Ensure(60);
            Space(6);
            Heading(table.Title, 11);
            Paragraph(table.Note, 7.5);
            Space(3);
            var widths = ColumnWidths(table);
            Row(table.Columns, widths, _bold7, header: true);
            if (table.Rows.Count == 0)
            {
                Paragraph("None.", 7.5);
            }

            foreach (var row in table.Rows)
            {
                if (Y + 20 > Bottom)
                {
                    NewPage();
                    Row(table.Columns, widths, _bold7, header: true);
                }

                Row(row, widths, _regular7, header: false);
            }
        }

        /// <summary>One row, each cell wrapped within its column (a long id broken between characters), as tall as its tallest cell.</summary>
        private void Row(IReadOnlyList<string> cells, double[] widths, XFont font, bool header)
        {
            var lines = cells.Select((cell, i) => WrapCell(Graphics, cell, font, widths[i] - 3).ToList()).ToList();
            var height = 3 + 8.5 * Math.Max(1, lines.Max(l => l.Count));
            Ensure(height);
            var x = Margin;
            if (header)
            {
                Graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(230, 230, 230)), Margin, Y, ContentWidth, height);
            }

            for (var i = 0; i < cells.Count; i++)
            {
                for (var line = 0; line < lines[i].Count; line++)
                {
                    Graphics.DrawString(lines[i][line], font, XBrushes.Black, new XPoint(x + 1.5, Y + 8 + 8.5 * line), XStringFormats.BaseLineLeft);
                }

                x += widths[i];
            }

            Graphics.DrawLine(new XPen(XColor.FromArgb(200, 200, 200), 0.3), Margin, Y + height, Margin + ContentWidth, Y + height);
            Y += height;
        }

        /// <summary>
        /// Each column as wide as its widest text; when they do not fit the page, the widest are cut to one width (so
        /// long ids shorten before short figures do) and their text ends in an ellipsis; when they fit, spread to the page's width.
        /// </summary>
        private double[] ColumnWidths(PackTable table)
        {
            var natural = table.Columns.Select((column, i) => Math.Max(Graphics.MeasureString(column, _bold7).Width,
                table.Rows.Select(r => Graphics.MeasureString(r[i], _regular7).Width).DefaultIfEmpty(0).Max()) + 4).ToArray();
            if (natural.Sum() <= ContentWidth)
            {
                var spread = (ContentWidth - natural.Sum()) / natural.Length;
                return [.. natural.Select(w => w + spread)];
            }

            var (low, high) = (0.0, natural.Max());
            for (var step = 0; step < 40; step++)
            {
                var cap = (low + high) / 2;
                (low, high) = natural.Sum(w => Math.Min(w, cap)) > ContentWidth ? (low, cap) : (cap, high);
            }

            return [.. natural.Select(w => Math.Min(w, low))];
        }

        /// <summary>The marking and handling conditions at the head and foot of every page, and its number of all.</summary>
        public void Finish(MeetingPackContent pack) => Finish(MeetingPackText.Marking(pack), MeetingPackText.Handling(pack), pack.Title);

        /// <summary>The marking and handling line at the head and foot of every page, the title and "Page n of m" at the foot.</summary>
        public void Finish(string marking, string handling, string title)
        {
            _graphics?.Dispose();
            _graphics = null;
            var markingFont = new XFont(PackFonts.Family, 10, XFontStyleEx.Bold);
            var smallFont = new XFont(PackFonts.Family, 7, XFontStyleEx.Regular);
            for (var i = 0; i < document.PageCount; i++)
            {
                using var graphics = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                Centred(graphics, marking, markingFont, 24);
                var y = 36.0;
                foreach (var line in Wrap(graphics, handling, smallFont, ContentWidth).Take(3))
                {
                    Centred(graphics, line, smallFont, y);
                    y += 9;
                }

                graphics.DrawLine(new XPen(XColors.Black, 0.5), Margin, Top - 6, PageWidth - Margin, Top - 6);
                graphics.DrawLine(new XPen(XColors.Black, 0.5), Margin, PageHeight - 42, PageWidth - Margin, PageHeight - 42);
                Centred(graphics, marking, markingFont, PageHeight - 28);
                graphics.DrawString(Fit(graphics, title, smallFont, 300), smallFont, XBrushes.Black, new XPoint(Margin, PageHeight - 16), XStringFormats.BaseLineLeft);
                var number = string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {document.PageCount}");
                graphics.DrawString(number, smallFont, XBrushes.Black, new XPoint(PageWidth - Margin - graphics.MeasureString(number, smallFont).Width, PageHeight - 16),
                    XStringFormats.BaseLineLeft);
            }
        }

        private static void Centred(XGraphics graphics, string text, XFont font, double baseline) =>
            graphics.DrawString(text, font, XBrushes.Black, new XPoint((PageWidth - graphics.MeasureString(text, font).Width) / 2, baseline), XStringFormats.BaseLineLeft);
    }

    private static IEnumerable<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    /// <summary>Lines of <paramref name="text"/> within <paramref name="width"/>: by words, and a word too long for a line between its characters.</summary>
    private static IEnumerable<string> WrapCell(XGraphics graphics, string text, XFont font, double width)
    {
        foreach (var line in Wrap(graphics, text, font, width))
        {
            var rest = line;
            while (rest.Length > 1 && graphics.MeasureString(rest, font).Width > width)
            {
                var cut = rest.Length - 1;
                while (cut > 1 && graphics.MeasureString(rest[..cut], font).Width > width)
                {
                    cut--;
                }

                yield return rest[..cut];
                rest = rest[cut..];
            }

            yield return rest;
        }
    }

    private static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var cut = text;
        while (cut.Length > 1 && graphics.MeasureString(cut + "…", font).Width > width)
        {
            cut = cut[..^1];
        }

        return cut + "…";
    }

    private sealed class PdfCanvas(XGraphics graphics) : IPackCanvas
    {
        private readonly Stack<XGraphicsState> _clips = new();

        public void Path(IReadOnlyList<IReadOnlyList<(double X, double Y)>> rings, string? fill, string? stroke, double width, bool closed)
        {
            var path = new XGraphicsPath { FillMode = XFillMode.Alternate };
            foreach (var ring in rings.Where(r => r.Count >= 2))
            {
                var points = ring.Select(p => new XPoint(p.X, p.Y)).ToArray();
                path.StartFigure();
                if (closed && points.Length >= 3)
                {
                    path.AddPolygon(points);
                    path.CloseFigure();
                }
                else
                {
                    path.AddLines(points);
                }
            }

            var pen = stroke is null ? null : new XPen(Colour(stroke), width) { LineJoin = XLineJoin.Round, LineCap = XLineCap.Round };
            var brush = fill is null || !closed ? null : new XSolidBrush(Colour(fill));
            if (pen is not null && brush is not null)
            {
                graphics.DrawPath(pen, brush, path);
            }
            else if (pen is not null)
            {
                graphics.DrawPath(pen, path);
            }
            else if (brush is not null)
            {
                graphics.DrawPath(brush, path);
            }
        }

        public void Text(double x, double y, string text, double size, TextAnchor anchor = TextAnchor.Start, bool bold = false, string colour = "#000000")
        {
            var font = new XFont(PackFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            var width = graphics.MeasureString(text, font).Width;
            var left = anchor switch { TextAnchor.Middle => x - width / 2, TextAnchor.End => x - width, _ => x };
            graphics.DrawString(text, font, new XSolidBrush(Colour(colour)), new XPoint(left, y), XStringFormats.BaseLineLeft);
        }

        public void BeginClip(double x, double y, double width, double height)
        {
            _clips.Push(graphics.Save());
            graphics.IntersectClip(new XRect(x, y, width, height));
        }

        public void EndClip() => graphics.Restore(_clips.Pop());

        private static XColor Colour(string hex) => XColor.FromArgb(
            int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}

/// <summary>The pack's words that every rendering shares: its marking line, handling line, summary and hotspot headings.</summary>
public static class MeetingPackText
{
    public static string Marking(MeetingPackContent pack) => EnumCodes<SecurityMarking>.ToCode(pack.Marking);

    public static string Handling(MeetingPackContent pack) => Handling(pack.HandlingConditions);

    /// <summary>The handling line of a pack whose content carries <paramref name="conditions"/> (null: none beyond the partnership's agreement).</summary>
    public static string Handling(string? conditions) => conditions is not null
        ? $"Handling conditions: {conditions}"
        : "Handling: share only within the tasking partnership under its information sharing agreement; no further dissemination without the originators' consent.";

    public static IEnumerable<string> Summary(MeetingPackContent pack)
    {
        var area = pack.Area;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{(pack.Kind == MeetingPackKind.ProblemProfile ? "The areas' extent" : "Area")}: longitude {area.MinX:0.#####} to {area.MaxX:0.#####}, latitude {area.MinY:0.#####} to {area.MaxY:0.#####} (WGS84).");
        yield return $"Period: {Time(pack.From)} to {Time(pack.To)} (UTC). Made by {pack.MadeBy} at {Time(pack.MadeAt)}, from what that user may see.";
        yield return $"Hotspots from the published run {pack.PublishedRunId?.ToString() ?? "(none yet)"}; changes against {pack.PreviousRunId?.ToString() ?? "no earlier published run"}.";
        yield return "Counts and areas only: no person is named in this pack. " + string.Join("; ",
            pack.Tables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Title}: {t.Rows.Count}"))) + ".";
    }

    public static string HotspotHeading(PackHotspot hotspot) => string.Create(CultureInfo.InvariantCulture,
        $"Hotspot {hotspot.Id}: {(hotspot.Trend is { } trend ? EnumCodes<Core.Hotspots.HotspotTrend>.ToCode(trend) : "no trend")}, "
        + $"{hotspot.ReportCount?.ToString(CultureInfo.InvariantCulture) ?? "no"} reports, weighted score {hotspot.WeightedScore?.ToString("0.###", CultureInfo.InvariantCulture) ?? "not shown"}");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
