namespace HotspotIntel.Bench;

/// <summary>Placeholder entry point while the generator compiles.</summary>
internal static class BenchCommands
{
    public static int Main() => 0;
}
