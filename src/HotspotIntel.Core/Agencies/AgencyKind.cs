namespace HotspotIntel.Core.Agencies;

/// <summary>The kind of partner organisation.</summary>
public enum AgencyKind
{
    /// <summary>A police force.</summary>
    Police,

    /// <summary>A local authority (children's services, community safety, licensing, housing).</summary>
    Council,

    /// <summary>An NHS body.</summary>
    Health,

    /// <summary>A school, college or academy trust.</summary>
    Education,

    /// <summary>A voluntary sector partner, e.g. a specialist CSE service.</summary>
    Voluntary,
}
