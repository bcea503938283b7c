using PdfSharp.Fonts;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// The fonts the PDF embeds: DejaVu Sans (Debian's fonts-dejavu-core, which the setup scripts and the image install),
/// since PDFsharp finds no system fonts on Linux by itself.
/// </summary>
internal sealed class PackFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
    private static readonly Lock Gate = new();

    /// <summary>Makes these the fonts PDFsharp uses, once per process (its settings are process-wide).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PackFonts)
            {
                GlobalFontSettings.FontResolver = new PackFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new InvalidOperationException($"{faceName}.ttf was not found in {string.Join(", ", Folders)}: install Debian's fonts-dejavu-core.");
    }
}
