using System.Text.Json.Serialization;

namespace HotspotIntel.Api.Tiles;

/// <summary>A TileJSON 3.0.0 document: where a tile layer's tiles are, at which zooms, over which area, with which attributes.</summary>
public sealed record TileJson(
    [property: JsonPropertyName("tilejson")] string Version,
    string Name,
    string Description,
    string Scheme,
    IReadOnlyList<string> Tiles,
    int Minzoom,
    int Maxzoom,
    double[] Bounds,
    double[] Center,
    [property: JsonPropertyName("vector_layers")] IReadOnlyList<TileJsonVectorLayer> VectorLayers,
    string Attribution);

/// <summary>One layer inside a vector tile: its id (the MVT layer name) and its attributes with their types.</summary>
public sealed record TileJsonVectorLayer(string Id, string Description, int Minzoom, int Maxzoom, IReadOnlyDictionary<string, string> Fields);
