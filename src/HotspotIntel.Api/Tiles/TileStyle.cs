using System.Text.Json.Nodes;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// A MapLibre style (version 8) that draws the product's tile layers as the map client does: hotspot areas coloured by
/// trend, report and premises counts as shaded cells and single points at street level. It names no glyphs or sprite
/// and draws no labels, so it loads offline; its sources are the layers' TileJSON, with the request's filters.
/// </summary>
public static class TileStyle
{
    /// <summary>Trend colours, as the map client's legend names them (map-client/src/hotspots/trend-style.ts).</summary>
    public static readonly IReadOnlyDictionary<string, string> TrendColours = new Dictionary<string, string>
    {
        ["new"] = "#d95f02",
        ["intensifying"] = "#b2182b",
        ["persistent"] = "#5e3c99",
        ["diminishing"] = "#4393c3",
        ["historical"] = "#969696",
        ["sporadic"] = "#1b9e77",
    };

    public static JsonObject Build(string tileJsonUrlTemplate, IReadOnlyList<TileLayer> layers, double[] center)
    {
        var sources = new JsonObject();
        foreach (var layer in layers)
        {
            sources[layer.Name] = new JsonObject { ["type"] = "vector", ["url"] = tileJsonUrlTemplate.Replace("{layer}", layer.Name, StringComparison.Ordinal) };
        }

        var trend = new JsonArray { "match", new JsonArray { "coalesce", new JsonArray { "get", "trend" }, "none" } };
        foreach (var (name, colour) in TrendColours)
        {
            trend.Add(name);
            trend.Add(colour);
        }

        trend.Add("#bdbdbd");
        return new JsonObject
        {
            ["version"] = 8,
            ["name"] = "HotspotIntel",
            ["center"] = new JsonArray(center[0], center[1]),
            ["zoom"] = center[2],
            ["sources"] = sources,
            ["layers"] = new JsonArray
            {
                new JsonObject { ["id"] = "background", ["type"] = "background", ["paint"] = new JsonObject { ["background-color"] = "#f8f9fa" } },
                Cells("reports-cells", "reports", ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]),
                Cells("premises-cells", "premises", ["#fde0c5", "#facba6", "#f59e72", "#eb7f54"]),
                new JsonObject
                {
                    ["id"] = "hotspots-fill", ["type"] = "fill", ["source"] = "hotspots", ["source-layer"] = "hotspots",
                    ["paint"] = new JsonObject { ["fill-color"] = trend.DeepClone(), ["fill-opacity"] = 0.35 },
                },
                new JsonObject
                {
                    ["id"] = "hotspots-outline", ["type"] = "line", ["source"] = "hotspots", ["source-layer"] = "hotspots",
                    ["paint"] = new JsonObject { ["line-color"] = trend, ["line-width"] = 2 },
                },
                Points("reports-points", "reports", "#1d3557"),
                Points("premises-points", "premises", "#c2410c"),
            },
        };
    }

    /// <summary>Count cells, darker for more (the client's density scale: 1, 5, 20, 50 reports).</summary>
    private static JsonObject Cells(string id, string source, string[] colours) => new()
    {
        ["id"] = id,
        ["type"] = "fill",
        ["source"] = source,
        ["source-layer"] = source,
        ["filter"] = new JsonArray("==", new JsonArray("geometry-type"), "Polygon"),
        ["paint"] = new JsonObject
        {
            ["fill-color"] = new JsonArray("interpolate", new JsonArray("linear"), new JsonArray("get", "point_count"),
                1, colours[0], 5, colours[1], 20, colours[2], 50, colours[3]),
            ["fill-opacity"] = 0.7,
        },
    };

    private static JsonObject Points(string id, string source, string colour) => new()
    {
        ["id"] = id,
        ["type"] = "circle",
        ["source"] = source,
        ["source-layer"] = source,
        ["filter"] = new JsonArray("==", new JsonArray("geometry-type"), "Point"),
        ["paint"] = new JsonObject
        {
            ["circle-radius"] = new JsonArray("interpolate", new JsonArray("linear"), new JsonArray("zoom"), 14, 4, 18, 8),
            ["circle-color"] = colour,
            ["circle-stroke-color"] = "#ffffff",
            ["circle-stroke-width"] = 1,
        },
    };
}
