namespace HotspotIntel.Analysis;

/// <summary>One cell of a <see cref="DensityGrid"/>: its column and row and its density in report weight per square metre.</summary>
public readonly record struct DensityCell(int Column, int Row, double Density);
