using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;

namespace HotspotIntel.Api.Tests.Architecture;

/// <summary>
/// The API's namespaces (one per feature folder, and Data, Records, Infrastructure …) depend on one another one way
/// only, so a feature can be read, changed or moved without the rest coming along: records raise changes that hotspot
/// runs follow, runs raise successes that tiles follow, and nothing below knows what follows it.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly ArchUnitNET.Domain.Architecture Api = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    [Fact]
    public void The_API_s_namespaces_have_no_dependency_cycles() =>
        SliceRuleDefinition.Slices().Matching("HotspotIntel.Api.(**)").Should().BeFreeOfCycles().Check(Api);
}
