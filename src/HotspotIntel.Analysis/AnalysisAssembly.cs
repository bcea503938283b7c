namespace HotspotIntel.Analysis;

/// <summary>Pure hotspot algorithms (Gi*, KDE, trend tests, identity matching, impact statistics): no I/O.</summary>
public static class AnalysisAssembly;
