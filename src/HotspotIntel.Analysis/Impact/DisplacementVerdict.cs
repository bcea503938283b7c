namespace HotspotIntel.Analysis.Impact;

/// <summary>What the reports in the ring around a target say about displacement; codes as in JSON (snake_case).</summary>
public enum DisplacementVerdict
{
    /// <summary>Too few reports in the ring or the comparison to state any estimate.</summary>
    InsufficientData,

    /// <summary>The ring's interval includes no change and is too wide to rule out large effects either way.</summary>
    TooUncertain,

    /// <summary>The ring's interval includes no change and is narrow enough to rule out large displacement.</summary>
    NoClearDisplacement,

    /// <summary>Reports in the ring rose against the comparison: the whole interval is above no change.</summary>
    Displacement,

    /// <summary>Reports in the ring fell against the comparison as well: the benefit spread beyond the target.</summary>
    DiffusionOfBenefits,
}
